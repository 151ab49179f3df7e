"""The gazetteer: countries by name, demonym or capital; institutions that speak for a country's leader."""

from __future__ import annotations

from index.text.gazetteer import INSTITUTIONS, adjective, capital_of, country_of
from index.text.tokens import tokenize


def test_country_aliases_and_capitals():
    """'Azeri', 'Azerbaijani' and 'Baku' are Azerbaijan; 'Yerevan' is Armenia; 'US' the United States."""
    assert {country_of(w) for w in ("Azeri", "Azerbaijani", "Baku", "azerbaijan")} == {"Azerbaijan"}
    assert country_of("Yerevan") == "Armenia"
    assert country_of("US") == country_of("U.S.") == "United States"
    assert country_of("Atlantis") is None


def test_every_country_of_the_world_is_known():
    """Countries beyond the usual news desks are known with their capitals: 'Ulaanbaatar' is Mongolia."""
    assert country_of("Ulaanbaatar") == "Mongolia" and country_of("Peruvian") == "Peru"
    assert capital_of("Chile") == "Santiago"


def test_belgium_has_its_capital():
    """Brussels is Belgium's capital."""
    assert capital_of("Belgium") == "Brussels" and country_of("Brussels") == "Belgium"


def test_seats_of_power_are_not_capitals():
    """The Kremlin, the Elysee and The Hague are no capitals; the first two speak for a president."""
    assert capital_of("Russia") == "Moscow" and capital_of("France") == "Paris"
    assert capital_of("Netherlands") == "Amsterdam"
    assert (INSTITUTIONS["kremlin"].country, INSTITUTIONS["kremlin"].holder) == ("Russia", "President")
    assert country_of("the Elysee") == "France" and country_of("Downing Street") == "United Kingdom"


def test_label_adjectives():
    """Labels use the news's adjectives: 'US', 'Saudi', 'Azerbaijani', 'EU'."""
    assert [adjective(c) for c in ("United States", "Saudi Arabia", "Azerbaijan", "European Union")] == [
        "US", "Saudi", "Azerbaijani", "EU"]


def test_accents_are_optional():
    """'Bogotá' and 'Bogota' are both Colombia."""
    assert country_of("Bogotá") == country_of("Bogota") == "Colombia"


def test_search_tokens_carry_the_country():
    """A capital, a demonym or the Kremlin also yields its country's search token."""
    assert "azerbaijan" in tokenize("Baku") and "azerbaijan" in tokenize("Azeri")
    assert "russia" in tokenize("the Kremlin said")


def test_cities_beyond_capitals_and_states_of_the_1980s():
    """Frankfurt and Cape Town are cities with their countries; West German and Soviet name states of their day."""
    from index.text.gazetteer import city_country, is_place

    assert city_country("Frankfurt") == "Germany" and city_country("Cape Town") == "South Africa"
    assert country_of("West German") == "West Germany" and country_of("Soviet") == "Soviet Union"
    assert country_of("UAE") == "United Arab Emirates" and country_of("Group of Seven") == "G7"
    assert is_place("Kenya") and is_place("the U.S.") and not is_place("Kenyan") and not is_place("Tuesday")
