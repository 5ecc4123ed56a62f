"""What tests, benchmarks, drills and browser tests share: a free port (net), real SMTP servers (smtp), and the
demo site under production settings served by gunicorn (production_site)."""
