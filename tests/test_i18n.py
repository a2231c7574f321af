import pytest

from workshop import i18n


def test_language_names_and_codes_are_understood():
    assert i18n.language(None) == "en"
    assert i18n.language("") == "en"
    assert i18n.language("CY") == "cy"
    assert i18n.language("Cymraeg") == "cy"
    assert i18n.language("English") == "en"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(i18n.LanguageError, match="Cymraeg"):
        i18n.language("fr")


def test_a_catalogue_is_read_from_its_po_file(tmp_path, monkeypatch):
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "screens.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Your comment"\nmsgstr "Eich sylw"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.forget()
    try:
        assert i18n.translations("cy", "screens").gettext("Your comment") == "Eich sylw"
        assert i18n.translations("en", "screens").gettext("Your comment") == "Your comment"
    finally:
        i18n.forget()


def test_an_unknown_domain_is_a_programming_error():
    with pytest.raises(ValueError):
        i18n.translations("cy", "menus")
