"""The demo content loader (`manage.py load_demo_content`): builds the page tree of DESIGN.md in English and
Spanish with the clinic's article word for word. The only code that knows every app; nothing imports it."""
