"""Measures written apart from the training data: the blind clause corpus and its runner."""
