"""talentbot's policy knowledge core: policy texts as data, rules as code, every figure cited.

Knows nothing of Rasa or HTTP. Entry point for adapters: `policy_kb.api`.
"""
