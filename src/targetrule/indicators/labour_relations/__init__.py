"""一（三）劳动关系方面 / Labour relations: 5 items."""
