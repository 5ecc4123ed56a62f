"""What structured data reads from a page's raw StreamField data (no block rendered, no query): list items in
either of Wagtail's storage formats, and the sources of citations blocks as schema.org CreativeWork."""


def list_items(raw_list):
    """Values of a ListBlock's raw data, in either of Wagtail's storage formats."""
    for item in raw_list or []:
        if isinstance(item, dict) and "value" in item and "type" in item:
            yield item["value"]
        else:
            yield item


def citations(page):
    """schema.org CreativeWork nodes for the sources in the page's citations blocks, read from the raw
    StreamField data (no block rendered, no query)."""
    works = []
    for field in ("body", "approach"):
        raw = getattr(getattr(page, field, None), "raw_data", None)
        for block in raw or []:
            if block.get("type") != "citations":
                continue
            for item in list_items((block.get("value") or {}).get("citations")):
                if not isinstance(item, dict) or not item.get("title"):
                    continue
                work = {"@type": "CreativeWork", "name": item["title"]}
                if item.get("authors"):
                    work["creditText"] = item["authors"]
                if item.get("journal"):
                    work["isPartOf"] = {"@type": "Periodical", "name": item["journal"]}
                if item.get("language"):
                    work["inLanguage"] = item["language"]
                if item.get("year"):
                    work["datePublished"] = str(item["year"])
                doi = (item.get("doi") or "").strip().removeprefix("https://doi.org/")
                if doi or item.get("url"):
                    work["url"] = "https://doi.org/" + doi if doi else item["url"]
                works.append(work)
    return works
