"""The page cache: `middleware` serves and stores pages, `deps` knows what each depends on,
`tokens` names the dependencies, `guard` lets the cache fail without taking a page down."""
