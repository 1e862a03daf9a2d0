"""Practice mode's screens: the practice desk, its banner and colour, the exercises and the practice cards."""
