"""The translation memory: durable batch by batch, deterministic on disk."""

from __future__ import annotations

from polyhelp.translation.memory import Entry, TranslationMemory, segment_key


def test_keys_ignore_whitespace_but_not_locale_or_text():
    assert segment_key("Free  returns\n", "fr") == segment_key("Free returns", "fr")
    assert segment_key("Free returns", "fr") != segment_key("Free returns", "de")
    assert segment_key("Free returns", "fr") != segment_key("Free return", "fr")


def test_added_batches_survive_a_crash_before_save(tmp_path):
    memory = TranslationMemory(tmp_path, "fr")
    memory.add([("k1", Entry("Hello", "Bonjour", "deepl"))])
    # The process dies here: no save(). A new run finds the batch in the journal.
    again = TranslationMemory(tmp_path, "fr")
    assert again.get("k1") == Entry("Hello", "Bonjour", "deepl")


def test_a_journal_line_cut_short_is_ignored(tmp_path):
    memory = TranslationMemory(tmp_path, "fr")
    memory.add([("k1", Entry("Hello", "Bonjour", "deepl"))])
    with open(memory.journal, "a", encoding="utf-8") as journal:
        journal.write('{"key": "k2", "source": "Bye", "tar')
    again = TranslationMemory(tmp_path, "fr")
    assert again.get("k1") is not None and again.get("k2") is None


def test_save_writes_sorted_lines_and_removes_the_journal(tmp_path):
    memory = TranslationMemory(tmp_path, "fr")
    memory.add([("b", Entry("B", "b", "deepl")), ("a", Entry("A", "a", "deepl"))])
    memory.pages["z.md"] = {"segments": [["b", "h"]]}
    memory.pages["a.md"] = {"reviewed_source": ["a"]}
    memory.save()
    lines = (tmp_path / "fr.jsonl").read_text().splitlines()
    assert [line[:10] for line in lines] == ['{"key": "a', '{"key": "b']
    pages = (tmp_path / "fr.pages.jsonl").read_text().splitlines()
    assert pages[0].startswith('{"page": "a.md"') and pages[1].startswith('{"page": "z.md"')
    assert not memory.journal.exists()
    assert TranslationMemory(tmp_path, "fr").pages["z.md"] == {"segments": [["b", "h"]]}


def test_same_content_gives_the_same_bytes_whatever_the_order_of_adding(tmp_path):
    first, second = TranslationMemory(tmp_path / "1", "fr"), TranslationMemory(tmp_path / "2", "fr")
    first.add([("a", Entry("A", "a", "deepl"))])
    first.add([("b", Entry("B", "b", "deepl"))])
    second.add([("b", Entry("B", "b", "deepl")), ("a", Entry("A", "a", "deepl"))])
    first.save()
    second.save()
    assert (tmp_path / "1" / "fr.jsonl").read_bytes() == (tmp_path / "2" / "fr.jsonl").read_bytes()


def test_a_memory_that_is_not_persistent_writes_nothing(tmp_path):
    memory = TranslationMemory(tmp_path, "fr", persistent=False)
    memory.add([("a", Entry("A", "a", "pseudo"))])
    memory.save()
    assert memory.get("a") is not None
    assert list(tmp_path.iterdir()) == []
