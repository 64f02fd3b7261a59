"""Sentence parts for the hand-made injection training examples."""
