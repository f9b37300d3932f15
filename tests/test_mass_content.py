"""The fingerprint of a mass communication: what the reader gets, not how the editor stored it."""

from tests.addon import load_tool

mass_content = load_tool("mass_content")

BODY = '<p>Dear customer, see <a href="https://esenttia.example/prices">the prices</a>.</p>'


def fingerprint(subject="Prices", body=BODY, attachments=(), resolve=None):
    return mass_content.fingerprint(mass_content.html_content(subject, body, attachments, resolve))


def test_wrappers_styles_and_attribute_order_do_not_change_it():
    restyled = (
        '<div class="o_layout"><table><tr><td style="padding:8px">'
        '<p style="margin:0" class="x">Dear   customer,\n see '
        '<a style="color:red" href="https://esenttia.example/prices">the prices</a>.</p>'
        "</td></tr></table></div>"
    )
    assert fingerprint(body=restyled) == fingerprint()


def test_an_inline_span_does_not_split_a_word():
    assert (
        mass_content.html_content("", "<p>Hel<span style='color:red'>lo</span></p>")["text"]
        == "Hello"
    )


def test_blocks_separate_words():
    assert mass_content.html_content("", "<p>one</p><p>two</p>")["text"] == "one two"


def test_invisible_characters_and_entities_are_read_as_a_reader_reads_them():
    assert fingerprint(body=BODY.replace("Dear", "De\u200bar").replace(" see", "&nbsp;see")) == (
        fingerprint()
    )


def test_a_changed_word_changes_it():
    assert fingerprint(body=BODY.replace("customer", "client")) != fingerprint()


def test_a_changed_link_target_changes_it():
    assert fingerprint(body=BODY.replace("/prices", "/promo")) != fingerprint()


def test_a_changed_subject_changes_it():
    assert fingerprint(subject="Prices!") != fingerprint()


def test_an_added_image_changes_it():
    assert fingerprint(body=BODY + '<img src="/web/image/42"/>') != fingerprint()


def test_attachments_count_in_any_order():
    assert fingerprint(attachments=["a", "b"]) == fingerprint(attachments=["b", "a"])
    assert fingerprint(attachments=["a"]) != fingerprint()


def test_link_tracking_is_undone():
    tracked = BODY.replace(
        "https://esenttia.example/prices",
        "https://odoo.example/r/Xy12?utm_source=mailing&utm_medium=email",
    )
    targets = {"https://odoo.example/r/Xy12?utm_source=mailing&utm_medium=email": (
        "https://esenttia.example/prices"
    )}  # fmt: skip
    assert fingerprint(body=tracked, resolve=targets.get) == fingerprint()


def test_utm_parameters_are_dropped_and_others_kept():
    assert mass_content.normalise_url("HTTPS://Esenttia.example/p?utm_campaign=x&id=3") == (
        "https://esenttia.example/p?id=3"
    )


def test_scripts_and_styles_are_not_text():
    body = "<style>p {color: red}</style><script>alert(1)</script>" + BODY
    assert fingerprint(body=body) == fingerprint()


def test_html_to_text_keeps_one_line_per_block():
    assert mass_content.html_to_text("<p>New   prices</p><div>from <b>May</b></div>") == (
        "New prices\nfrom May"
    )


def test_a_text_message_is_compared_on_its_collapsed_text():
    sms = mass_content.text_content("New prices\n from May ")
    assert mass_content.fingerprint(sms) == mass_content.fingerprint(
        mass_content.text_content(mass_content.html_to_text("<p>New prices</p><p>from May</p>"))
    )
