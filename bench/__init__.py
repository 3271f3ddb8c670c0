"""Benchmarks for talentbot: `python -m bench.run` (make bench) and `python -m bench.scaleout_check`.

Why a package of small modules: the load generator, the NLU comparison, the machine facts and the
report are each useful alone (the reliability tests reuse the conversations and the stack helper).
"""
