"""Privacy: a person sees, takes along and erases their own data."""
