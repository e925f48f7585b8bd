"""一（四）养老保险方面 / Basic pension insurance: 4 items."""
