"""The io layer: conflictkit's own formats, JSON and JSON Lines, and the files that hold them.

The strict cattrs converter and ``from_json``/``to_json`` (:mod:`~conflictkit.io.converter`), the
generated check-and-build loaders (:mod:`~conflictkit.io.generated_loaders`), the msgspec fast path
(:mod:`~conflictkit.io.fast_path`), JSON Lines (:mod:`~conflictkit.io.jsonl`), reading files and
``load_dataset`` (:mod:`~conflictkit.io.files`), schema-version migrations
(:mod:`~conflictkit.io.migrations`) and the JSON Schema (:mod:`~conflictkit.io.json_schema`).
Modules here import the core, values, records and dataset layers; never another format or the
command line.
"""
