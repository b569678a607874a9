"""The printed editions: prospectus, large print and stories booklet."""
