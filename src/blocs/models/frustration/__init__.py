"""Solvers for the frustration index of a signed graph, one concept per module.

* :mod:`.reduce`: exact data reductions (kernelisation) with their bookkeeping;
* :mod:`.eliminate`: exact min-sum variable elimination along a fill-reducing order;
* :mod:`.enumerate`: exhaustive enumeration of every two-camp partition (small graphs);
* :mod:`.ip`: the binary program on OR-Tools CP-SAT or HiGHS;
* :mod:`.local_search`: a local-search heuristic (an upper bound);
* :mod:`.bounds`: a cheap lower bound from a packing of unbalanced triangles;
* :mod:`.exact`: the pipeline that reduces, splits into blocks, solves and stitches.

The public entry point is :func:`blocs.models.balance.frustration_index`.
"""
