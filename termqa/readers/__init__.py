"""Readers that turn a digest's text into segments, one module per concern.

`decode` turns bytes into text (or one clear error), `mask` blanks out code, URLs, math and
markup, `lines` recognises block markers line by line, `markdown` groups lines into blocks,
`lang` tells Japanese from English. One module per layout builds segments: `interleaved`,
`target_only`, `separate` (with `align`, the block alignment) and `table` (TSV/CSV). `detect`
picks a layout; `termqa.document` is the public entry point.
"""
