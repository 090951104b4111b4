"""Speakers: names with titles, canonical names, sides, pronouns."""

import pytest

from newsvoices.errors import InputFileError
from newsvoices.speakers import Registry, Speaker, find_names, name_gender, resolve_pronoun, side_of, surname
from newsvoices.tokenization import split_sentences


def _names(text: str) -> dict:
    """The name mentions found in the whole of ``text``, by name."""
    return {n.name: n for n in find_names(text, 0, len(text))}


def _registry(text: str) -> Registry:
    """A registry that has collected the names of every sentence of ``text``."""
    reg = Registry(text)
    reg.collect(split_sentences(text))
    return reg


def _assert_names(text: str, expected: dict[str, dict[str, str]]) -> None:
    """Exactly the names of ``expected`` are found in ``text``, each with the given fields."""
    names = _names(text)
    assert set(names) == set(expected)
    for name, fields in expected.items():
        for field, value in fields.items():
            assert getattr(names[name], field) == value, (name, field)


def test_names_with_titles_and_initials():
    text = "Defense Secretary Robert M. Gates met Russian President Dmitry Medvedev and Col. Moammar Gadhafi."
    names = _names(text)
    assert names["Robert M. Gates"].title == "Defense Secretary"
    assert names["Dmitry Medvedev"].side == "Russia"
    assert names["Moammar Gadhafi"].title == "Col."


def test_surnames_map_to_the_full_name():
    text = "Defense Secretary Robert M. Gates spoke. Mr. Gates left. Gates' aides stayed."
    reg = Registry(text)
    reg.collect([(0, len(text))])
    assert reg.canonical_name("Gates") == "Robert M. Gates"
    assert reg.canonical_name("Gates'") == "Robert M. Gates"
    assert reg.speakers["Robert M. Gates"].side == "United States"
    assert reg.speakers["Robert M. Gates"].gender == "m"


def test_sides_from_descriptors():
    assert side_of("Russia's defense minister") == "Russia"
    assert side_of("U.S. officials") == "United States"
    assert side_of("the Libyan leader") == "Libya"
    assert side_of("the reporter") == ""


def test_pronoun_gender():
    he, she, grp = Speaker("A", gender="m"), Speaker("B", gender="f"), Speaker("C", kind="group")
    assert resolve_pronoun("she", [he, she]) is she
    assert resolve_pronoun("he", [she, he]) is he
    assert resolve_pronoun("they", [he, grp]) is grp


def test_side_file_entry_named_by_a_group_noun_is_a_group(tmp_path):
    side = tmp_path / "a.speakers.toml"
    side.write_text('["Critics"]\nside = "against"\n\n["Shop owners on Mill Street"]\n\n["Jane Alder"]\n',
                    encoding="utf-8")
    reg = Registry("")
    reg.apply_side_file(side)
    assert {name: sp.kind for name, sp in reg.speakers.items()} == {
        "Critics": "group", "Shop owners on Mill Street": "group", "Jane Alder": "person"}


@pytest.mark.parametrize("content, problem", [
    ('[""]\nside = "x"\n', "blank name"),
    ('["Jane Alder"]\nsides = "city"\n', "unknown setting(s) 'sides'"),  # a typo would drop the side silently
    ('["Jane Alder"]\nside = ["city", "state"]\n', "side must be a string"),
    ('["Jane Alder"]\nkind = "robot"\n', "kind must be one of person, group"),
    ('["Jane Alder"]\naliases = ["Alder", " "]\n', "aliases must be a list of non-blank strings"),
    ('["Jane Alder"]\ntitle = 3\n', "title must be a string"),
    ('"Jane Alder" = "city"\n', "must be a table of settings"),
])
def test_bad_speakers_files_name_the_file_and_the_entry(tmp_path, content, problem):
    side = tmp_path / "a.speakers.toml"
    side.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        Registry("").apply_side_file(side)
    assert str(side) in str(info.value) and problem in str(info.value)


def test_lawmakers_in_us_style_keep_their_names_and_states_are_not_people():
    text = ("Sen. Susan Collins, R-Maine, said the bill was flawed. Rep. Jim Jordan (R-Ohio) said he agreed. "
            "Former President Bill Clinton said it would pass. Former Pennsylvania Gov. Ed Rendell said no. "
            "Acting Secretary Jane Alder said she would wait.")
    _assert_names(text, {"Susan Collins": {}, "Jim Jordan": {}, "Bill Clinton": {"title": "Former President"},
                         "Ed Rendell": {}, "Jane Alder": {"title": "Acting Secretary"}})


def test_initials_without_spaces_state_abbreviations_and_court_titles():
    text = ("Rep. G.K. Butterfield said no. They met at his club in N.J. Roger Ailes said yes. "
            "U.S. District Judge Emmet G. Sullivan ruled. The U.S. Embassy and Capitol Hill said nothing.")
    _assert_names(text, {"G.K. Butterfield": {"title": "Rep."}, "Roger Ailes": {},
                         "Emmet G. Sullivan": {"title": "District Judge", "side": "United States"}})


def test_first_opens_sentences_and_titles_but_names_no_one():
    text = ("First Lady Michelle Obama spoke. First, he said the Second Amendment was safe. "
            "Mrs. Obama, the First Lady, said so.")
    _assert_names(text, {"Michelle Obama": {"title": "First Lady", "gender": "f"}, "Obama": {}})


def test_institutions_and_places_are_still_not_people():
    text = ("The Justice Department, the Washington Post and Fox News said Jordan and Israel disagreed, "
            "as did voters in Iowa, Ohio, New York and Fla.")
    assert find_names(text, 0, len(text)) == []


def _people(text: str) -> dict[str, Speaker]:
    reg = Registry(text)
    reg.collect([(0, len(text))])
    return reg.speakers


def test_words_that_open_a_sentence_are_not_people():
    text = ('"We\'re not finished," Mayor Elena Marsh said. Explain that, critics asked. Well, Marsh said she '
            "would. Voters will decide. Don't wait, Perhaps said nobody.")
    assert set(_people(text)) == {"Elena Marsh"}


def test_a_capital_inside_a_word_starts_no_name():
    text = "PolitiFact rated the claim false, YouTube removed the video and DeSantis said nothing."
    assert [n.name for n in find_names(text, 0, len(text))] == ["DeSantis"]


def test_a_common_word_stays_a_name_when_the_article_spells_it_in_a_full_name():
    text = "Jessica Ditto, a White House spokeswoman, declined to comment. Later, Ditto said the plan stood."
    reg = Registry(text)
    reg.collect([(0, len(text))])
    assert set(reg.speakers) == {"Jessica Ditto"}
    assert [reg.canonical_name(n.name) for n in reg.names] == ["Jessica Ditto", "Jessica Ditto"]


def test_a_city_named_alone_is_a_place_unless_it_is_a_surname_in_the_article():
    text = ("Jesse Jackson spoke in Cleveland and Tampa before he flew to Las Vegas. "
            "Jackson said the trip had gone well.")
    reg = Registry(text)
    reg.collect([(0, len(text))])
    assert set(reg.speakers) == {"Jesse Jackson"}
    assert reg.canonical_name(reg.names[-1].name) == "Jesse Jackson"


def test_name_gender_from_title_then_first_name():
    assert name_gender("Mrs.", "Leslie Lee") == "f"
    assert name_gender("Mr.", "Hillary Hale") == "m"  # the title tells more than the name
    assert name_gender("", "Mark Weddle") == "m"
    assert name_gender("", "Nicole Hargrove") == "f"
    assert name_gender("", "Chris Smith") == ""  # a name given to both
    assert name_gender("", "Mark") == ""  # a lone word may be a surname


def test_headline_runs_are_cut_at_function_words_and_line_breaks():
    # a headline line runs capitalised words together; "Against", "Maybe" and "Neither"
    # are no part of a name, and a name never runs on past the end of a line
    text = ("Budget Fight Pits Nora Quill Against Dale Ormsby\n"
            "Maybe Quill will win. Neither Ruth Pask nor the mayor would say.")
    _assert_names(text, {"Nora Quill": {}, "Dale Ormsby": {}, "Quill": {}, "Ruth Pask": {}})
    _assert_names("Budget Talks Stall\nNora Quill spoke.", {"Nora Quill": {"gender": "f"}})


def test_runs_of_common_words_are_not_people_but_first_names_and_particles_keep_them():
    text = ("The World War memorial, run by Social Security and backed by Judicial Watch, "
            "drew Bill Gray and Bin Laden's nephew.")
    _assert_names(text, {"Bill Gray": {}, "Bin Laden": {}})


def test_a_surname_maps_to_the_name_with_a_first_name_not_to_longer_headline_words():
    text = "Lawmakers Rip Nora Quill. The treasurer, Nora Quill, defended the plan. Quill said it balanced."
    reg = Registry(text)
    reg.collect([(0, len(text))])
    assert reg.canonical_name("Quill") == "Nora Quill"
    assert reg.speakers["Nora Quill"].gender == "f"


def test_a_common_word_opening_its_sentence_is_no_name_unless_written_so_elsewhere():
    # "Social" and "Big" open sentences only; "Baron" is also capitalised inside one; "Penny"
    # is a first name
    text = ("Social media spread the claim. Big donors stayed away. Baron said the story was sound. "
            "Asked again, Baron agreed. Penny said she would stay.")
    reg = _registry(text)
    assert [nm.name for nm in reg.names] == ["Baron", "Baron", "Penny"]


def test_headline_words_around_a_full_name_are_no_part_of_it():
    # after a full name, a capitalised common word ends it ("Hints"); a verb opening the run
    # ("Is") and common words before a first name ("Crooked", "Follow") are dropped, and
    # common words before a title join the title; a surname after a first name, a particle
    # or a title stays ("Rose", "Le Pen", "Mr. Cook"), and so does a place ("South Carolina")
    _assert_names("Nora Quill Hints Dale Ormsby\n", {"Nora Quill": {}, "Dale Ormsby": {}})
    _assert_names("Is Ormsby ready to lead?", {"Ormsby": {}})
    _assert_names("Crooked Nora Quill met Parks Secretary Ada Fenn.",
                  {"Nora Quill": {"title": ""}, "Ada Fenn": {"title": "Parks Secretary"}})
    _assert_names("Follow Pam Key on the site.", {"Pam Key": {}})
    _assert_names("Dale Rose, Marine Le Pen and Mr. Cook met.",
                  {"Dale Rose": {}, "Marine Le Pen": {}, "Cook": {"title": "Mr."}})
    assert "South Carolina Saturday" in _names("Voters in South Carolina Saturday chose.")
    # a common word after an initial or a particle is a surname: "Paul R. Pillar", "Omar bin Hope"
    _assert_names("Paul R. Pillar and Omar bin Hope met.", {"Paul R. Pillar": {}, "Omar bin Hope": {}})


def test_a_role_is_the_person_with_that_title_unless_another_name_follows_it():
    text = ("Parks Chairman Dale Ormsby opened the fair. British Prime Minister Nora Quill spoke.")
    reg = _registry(text)
    assert reg.role("the parks chairman").name == "Dale Ormsby"
    assert reg.role("the Parks Chairman Ada Fenn") is None  # someone else, named
    assert reg.role("British Prime Minister Nora").name == "Nora Quill"  # the start of her own name


def test_a_surname_maps_to_the_plain_full_name_not_to_one_padded_or_with_a_suffix():
    # "Star" and "Mom Corners" are headline words around names; "Jr." names the son
    text = ("Star Mom Corners Quill. Star Dale Ormsby is back. Dale Ormsby Jr. sang. Dale Ormsby sang. "
            "Nora Quill spoke. Quill and Ormsby left.")
    reg = _registry(text)
    assert reg.canonical_name("Ormsby") == "Dale Ormsby"
    assert reg.canonical_name("Quill") == "Nora Quill"
    assert reg.canonical_name("Dale Ormsby Jr") == "Dale Ormsby Jr"
    # with no other Ormsby, the surname is the son's
    text = "Dale Ormsby Jr. spoke first. Ormsby left."
    reg = _registry(text)
    assert reg.canonical_name("Ormsby") == "Dale Ormsby Jr"
    assert surname("Dale Ormsby Jr") == surname("Dale Ormsby Jr.") == "Ormsby"
    # "Le Pen" is written alone, but "Le" is a particle, not the first name it also is
    text = "Marine Le Pen spoke. Le Pen left."
    reg = _registry(text)
    assert reg.canonical_name("Le Pen") == "Marine Le Pen"


def test_a_common_word_joined_by_of_for_or_and_is_part_of_an_organisation():
    # "Education", "Freedom", "Science" and "Technology" are parts of organisations' names;
    # "Bill" is a first name, and "Hope" is also written in a full name
    text = ("The Department of Education and the Science and Technology board filed a Freedom of "
            "Information Act request. Ruth Hope agreed. Bill and Hope said so.")
    reg = _registry(text)
    assert [nm.name for nm in reg.names] == ["Ruth Hope", "Bill", "Hope"]


def test_a_descriptor_before_a_title_or_role_noun_is_no_part_of_the_name():
    # a place or an organisation before a title joins the title ("Texas Senator"); a place, a
    # person or an organisation before a role noun ("Senior Adviser", "Challenger") is dropped
    _assert_names("Texas Senator Nora Quill met New York Attorney General Dale Ormsby.",
                  {"Nora Quill": {"title": "Texas Senator"}, "Dale Ormsby": {"title": "New York Attorney General"}})
    _assert_names("Quill Senior Adviser Ada Fenn and Ormsby Challenger Ruth Pask spoke.",
                  {"Ada Fenn": {}, "Ruth Pask": {}})
    # the title or role nearest the name counts: "King" is part of a show's name
    _assert_names("Larry King Live Host Dale Ormsby spoke.", {"Dale Ormsby": {}})
    # and the surname maps to the bare name
    reg = _registry("Ohio Governor Nora Quill spoke first. Quill said the budget was sound.")
    assert reg.canonical_name("Quill") == "Nora Quill"


def test_no_descriptor_is_cut_from_a_full_name_a_place_or_a_title_followed_by_common_words():
    # "Paul" and "Hee" are first names, but the word before each is a first name ("John
    # Paul") or no noun ("Ye"); "West Virginia" is a place; after the title "King" come a
    # suffix alone and common words only
    _assert_names("John Paul Stevens and Michelle Ye Hee Lee wrote.",
                  {"John Paul Stevens": {}, "Michelle Ye Hee Lee": {}})
    assert "Virginia Tuesday" not in _names("Voters in West Virginia Tuesday chose.")
    _assert_names("Martin Luther King Jr. spoke.", {"Martin Luther King Jr": {"title": ""}})
    assert "Mansion Tour" not in _names("Ohio Governor Mansion Tour opened.")


def test_names_with_accented_letters_are_read_whole():
    # letters beyond ASCII, capital or small, are letters of a name, not its end
    _assert_names("Recep Tayyip Erdoğan met José Rodríguez, Ségolène Royal and Mesut Özil.",
                  {"Recep Tayyip Erdoğan": {}, "José Rodríguez": {}, "Ségolène Royal": {}, "Mesut Özil": {}})
    reg = _registry("Mayor Inés Peña opened the bridge. Peña said it was safe.")
    assert reg.canonical_name("Peña") == "Inés Peña"
