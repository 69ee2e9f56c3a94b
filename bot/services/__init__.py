"""Use cases: one function per thing a user can do. They take `now` and never read the clock."""
