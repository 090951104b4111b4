"""Evaluations of newsvoices against public annotated data (run on paths given at run time)."""
