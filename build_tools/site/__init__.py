"""The published whole: the validated Site and the one publication filter."""
