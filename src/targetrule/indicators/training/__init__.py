"""一（二）培训鉴定方面 / Training and skill certification: 5 items."""
