"""Documents from the model: Jinja2 templates -> a small Markdown -> .md files and Word (.docx) files.

    environment.py  the sandboxed Jinja2 environment; project templates override bundled ones per file
    context.py      helpers templates call: params filled in, units and labels per language, scenarios
    markdown.py     the Markdown dialect templates write, parsed into blocks
    docx_writer.py  blocks -> .docx with Word styles, East Asian fonts, TOC and page fields, fixed bytes
    documents.py    one template -> <name>.md and <name>.docx
    quiz.py, flashcards.py   the seeded quiz and the Anki CSV
    builders.py     build_scripts, build_training, build_manuals (registered in outputs.BUILDERS)
"""
