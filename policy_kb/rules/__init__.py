"""Calculators, one module per provision family. Each returns a policy_kb.model.Result."""
