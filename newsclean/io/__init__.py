"""Bytes in and out: decoding, reading inputs (files, trees, JSONL, stdin), writing outputs."""
