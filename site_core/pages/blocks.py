"""StreamField blocks, defined once and reused by every page type."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import blocks as image_blocks

from site_core.pages.translated_words import site_languages

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)")), ("h4", _("Minor heading (H4)"))],
        default="h2",
        help_text=_("Use H2 for sections, H3 inside them; never skip a level."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What to expect", "level": "h2"}
        description = _("A section heading that screen readers and search engines understand.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Ketamine is used off-label for depression under a physician's care.</p>"
        description = _("Paragraphs of text with links and lists.")


class ImageWithAltTextBlock(image_blocks.ImageBlock):
    """Wagtail's ImageBlock: choosing an image fills its alt text from the image's own (its description, which
    site_core.pages.forms makes required), and the editor may change it or mark the image decorative. Alt text
    left empty takes the image's own here too, so a page never shows an image without one by accident."""

    def value_from_datadict(self, data, files, prefix):
        image = super().value_from_datadict(data, files, prefix)
        if image is not None and not image.decorative and not (image.contextual_alt_text or "").strip():
            image.contextual_alt_text = image.default_alt_text
        return image


class ImageBlock(blocks.StructBlock):
    image = ImageWithAltTextBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = _("An image with its alt text (the image's own unless you change it) and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {"quote": "Healing is a process, not a single event.", "attribution": "A patient"}
        description = _("A short quotation with an optional attribution.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text=_("One sentence that invites the reader to act."))
    page = blocks.PageChooserBlock(required=False, help_text=_("Where the button leads."))
    url = blocks.URLBlock(
        required=False, label=_("Web address (URL)"), help_text=_("Used only when no page is chosen.")
    )
    button_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        preview_value = {"text": "Questions about treatment?", "button_label": "Request an appointment"}
        description = _("A short sentence and one button.")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("important", _("Important")), ("crisis", _("Crisis resources"))],
        default="info",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        preview_value = {
            "tone": "important",
            "title": "Off-label use",
            "text": "<p>Ketamine is not FDA-approved for this use.</p>",
        }
        description = _("A boxed note that stands out from the text.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "blocks/faq_item_block.html"


class FAQListBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, default=_("Frequently asked questions"))
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = "blocks/faq_list_block.html"
        preview_value = {
            "title": "Frequently asked questions",
            "items": [
                {"question": "Is ketamine FDA-approved for depression?", "answer": "<p>No; it is used off-label.</p>"}
            ],
        }
        description = _("Questions and answers, shown as expandable items.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(max_length=120, help_text=_("Names the video for screen readers."))

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = _("An embedded video with a title.")


class PriceRowBlock(blocks.StructBlock):
    item = blocks.CharBlock(max_length=120, help_text=_("e.g. First consultation"))
    price = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text=_("As readers should see it, e.g. '$350' or 'from $400'. Leave blank to show 'Ask the clinic'."),
    )
    note = blocks.CharBlock(required=False, max_length=250, help_text=_("e.g. what is included, or how long it takes."))


class PriceTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(max_length=120, help_text=_("Names the table for screen readers, e.g. 'Consultations'."))
    rows = blocks.ListBlock(PriceRowBlock())

    class Meta:
        icon = "table"
        template = "blocks/price_table_block.html"
        preview_value = {"caption": "Consultations", "rows": [{"item": "First consultation", "price": "", "note": ""}]}
        description = _("A table of fees: item, price and a note; a blank price reads 'Ask the clinic'.")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=600)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Shown as a section heading; leave blank inside a section.")
    )
    steps = blocks.ListBlock(StepBlock())

    class Meta:
        icon = "list-ol"
        template = "blocks/steps_block.html"
        preview_value = {
            "title": "What to expect",
            "steps": [{"title": "Consultation", "text": "We listen and answer your questions."}],
        }
        description = _("Numbered steps, e.g. what happens from the first consultation to follow-up.")


class CitationBlock(blocks.StructBlock):
    authors = blocks.CharBlock(required=False, max_length=250, help_text=_("e.g. Smith J, Lee K; or an agency."))
    title = blocks.CharBlock(max_length=300)
    journal = blocks.CharBlock(
        required=False, max_length=200, help_text=_("The journal, or the publisher of a report or label.")
    )
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)
    doi = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Only a DOI you have checked, e.g. 10.1000/xyz123; no link.")
    )
    url = blocks.URLBlock(
        required=False,
        label=_("Web address (URL)"),
        help_text=_("A PubMed or publisher link, used when there is no DOI."),
    )
    language = blocks.ChoiceBlock(
        choices=site_languages,
        required=False,
        label=_("Language of the source"),
        help_text=_("So screen readers pronounce an English title on a Spanish page as English."),
    )

    def link(self, value):
        if value.get("doi"):
            return "https://doi.org/" + value["doi"].strip().removeprefix("https://doi.org/")
        return value.get("url") or ""


class CitationsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, default=_("References"))
    citations = blocks.ListBlock(CitationBlock())

    class Meta:
        icon = "doc-full"
        template = "blocks/citations_block.html"
        preview_value = {
            "title": "References",
            "citations": [{"authors": "U.S. Food and Drug Administration", "title": "A statement", "year": 2023}],
        }
        description = _("Sources for the page's claims, as a numbered list; also given to search engines.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        child = self.child_blocks["citations"].child_block
        page_language = translation.get_language()
        # A source in another language than the page's is marked with its own (WCAG 3.1.2, language of parts).
        context["entries"] = [
            (
                citation,
                child.link(citation),
                citation.get("language") if citation.get("language") != page_language else "",
            )
            for citation in value["citations"]
        ]
        return context


class EsketamineNoteBlock(blocks.StaticBlock):
    """What esketamine (Spravato) is, and whether this clinic offers it (from the clinic settings)."""

    class Meta:
        icon = "info-circle"
        template = "blocks/esketamine_note_block.html"
        admin_text = _("Explains esketamine (Spravato) and says whether the clinic offers it (Settings).")
        description = _("A note on esketamine (Spravato) that follows the clinic's setting.")


def body_blocks():
    """The blocks offered in every page body."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("call_to_action", CallToActionBlock()),
        ("callout", CalloutBlock()),
        ("faq", FAQListBlock()),
        ("video", VideoBlock()),
        ("steps", StepsBlock()),
        ("price_table", PriceTableBlock()),
        ("citations", CitationsBlock()),
        ("esketamine_note", EsketamineNoteBlock()),
    ]
