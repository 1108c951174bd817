"""Fictional Kamerbrieven with exact structured truth.

Every later stage (unstacking, letter parsing, fact extraction) needs letters whose metadata,
references and quantitative facts are known exactly, and real letters come without that truth.
So we write our own: a seeded generator composes Dutch letters in the Rijkshuisstijl from the
phrase tables below (all invented; ministry names are real, content is fictional) and records,
while it writes, every fact and reference it puts into the text.

Templates use placeholders, filled by :class:`_Writer`:

- context: ``{S}`` subject (partner country, province, region), ``{Y}`` a recent year, ``{F}``
  a future one, ``{P}`` a period, ``{date}`` an earlier date, ``{committee}``, ``{kind}``
  (what ``{S}`` is);
- facts, recorded as :class:`Fact`: ``{bn:MEASURE}`` / ``{mn:MEASURE}`` money in billions or
  millions, ``{fx:MEASURE}`` foreign currency with its euro value, ``{pct:MEASURE}`` a
  percentage, ``{gdp:MEASURE}`` a share of GDP, ``{count:MEASURE:UNIT}`` a counted quantity in
  digits, ``{few:MEASURE:UNIT}`` a small one in words; ``|q`` after the arguments forces the
  qualifier (``{gdp:defensie-uitgaven|tot}``);
- references, recorded as :class:`Reference`: ``{kst}`` Kamerstuk, ``{motie}``, ``{zaak}``,
  ``{doc}``, ``{hand}`` Handelingen.

Templates state no quantities of their own, so every quantity in a letter is a recorded
fact. All text stays within Windows-1252, the encoding of the standard PDF fonts, so the typeset
letter extracts back to exactly this text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

# --- Phrase tables -------------------------------------------------------------------------


def _names(listing: str) -> tuple[str, ...]:
    """Split a comma-separated listing, so long name tables take a few lines, not dozens."""
    return tuple(listing.split(", "))


MONTHS = _names(
    "januari, februari, maart, april, mei, juni, juli, augustus, september, oktober, november, "
    "december"
)
NUMBER_WORDS = {
    2: "twee",
    3: "drie",
    4: "vier",
    5: "vijf",
    6: "zes",
    7: "zeven",
    8: "acht",
    9: "negen",
    10: "tien",
    11: "elf",
    12: "twaalf",
}
#: Qualifiers drawn for a fact; ``None`` (no qualifier) is the most common.
QUALIFIERS = (None, None, None, None, None, "ruim", "circa", "ongeveer", "bijna")
#: Plausible ranges for counted quantities, by unit.
COUNT_RANGES = {
    "kilometer": (3, 120),
    "inwoners": (5_000, 900_000),
    "inspecties": (20, 900),
    "vacatures": (80, 4_000),
    "leerlingen": (1_000, 90_000),
    "windturbines": (5, 240),
    "woningen": (300, 60_000),
    "bedrijven": (20, 2_500),
    "leningen": (200, 25_000),
    "laadpalen": (100, 12_000),
    "IC-bedden": (12, 400),
    "verpleegkundigen": (50, 3_000),
    "ouderen": (100, 6_000),
    "opleidingsplaatsen": (10, 600),
    "mensen": (5_000, 2_500_000),
    "kinderen": (1_000, 400_000),
    "boerenhuishoudens": (500, 90_000),
    "bouwvergunningen": (200, 20_000),
    "militairen": (40, 3_000),
}
#: Surnames as (tussenvoegsel, name); the tussenvoegsel is capitalised without initials.
SURNAMES = tuple(
    tuple(name.rsplit(" ", 1)) if " " in name else ("", name)
    for name in _names(
        "Smeets, Jansen, van Dijk, de Vries, Bakker, Visser, Smit, Mulder, de Boer, "
        "Dekker, Brouwer, van der Linden, Hermans, Kuipers, Postma, Veldman, van Leeuwen, "
        "Koster, Verbeek, Hoekstra, van den Bosch, Wijnands, ter Horst, Groenewegen, van "
        "Wijngaarden, Hoogendoorn, el Amrani, Yilmaz"
    )
)
ACADEMIC_TITLES = ("", "", "drs. ", "mr. ", "dr. ", "ir. ", "mr. drs. ")
ADDRESSEE = (
    "de Voorzitter van de Tweede Kamer",
    "der Staten-Generaal",
    "Postbus 20018",
    "2500 EA Den Haag",
)
COPY_RECIPIENTS = (
    "de Voorzitter van de Eerste Kamer der Staten-Generaal",
    "de Algemene Rekenkamer",
    "de Raad van State",
)
EU_DOSSIER_SUFFIXES = ("02", "20", "28", "30", "33")
GREETING = "Hoogachtend,"


@dataclass(frozen=True)
class Topic:
    """One ministry and policy field: what its letters are about and how they are phrased."""

    key: str
    ministry: str
    postbus: str
    signatories: tuple[str, ...]
    chapter: str
    committee: str
    reference_format: str
    kind: str
    entities: tuple[str, ...]
    themes: tuple[str, ...]
    subjects: tuple[str, ...]
    headings: tuple[str, ...]
    sentences: tuple[str, ...]
    currencies: dict[str, tuple[str, Decimal]] = field(default_factory=dict)


TOPICS = (
    Topic(
        key="defensie",
        ministry="Ministerie van Defensie",
        postbus="Postbus 20701 2500 ES Den Haag",
        signatories=("DE MINISTER VAN DEFENSIE,", "DE STAATSSECRETARIS VAN DEFENSIE,"),
        chapter="X",
        committee="de vaste commissie voor Defensie",
        reference_format="BS{year}{n:06d}",
        kind="partnerland",
        entities=_names(
            "Duitsland, België, Frankrijk, Noorwegen, Denemarken, Polen, Estland, "
            "Litouwen, Letland, Zweden, Finland, Luxemburg, Italië, Roemenië"
        ),
        themes=(
            "de voortgang van de defensiesamenwerking met onze partnerlanden",
            "de ontwikkeling van de defensie-uitgaven van onze bondgenoten",
            "de bilaterale samenwerking met {S}",
        ),
        subjects=(
            "Voortgang defensiesamenwerking met partnerlanden",
            "Defensiesamenwerking met {S}",
            "Defensie-uitgaven van bondgenoten in {Y}",
        ),
        headings=(
            "Samenwerking met {S}",
            "{S}",
            "Financiële ontwikkelingen",
            "Personele inzet",
            "Materieelsamenwerking",
            "Europese en NAVO-context",
            "Vervolgstappen",
        ),
        sentences=(
            "{S} verhoogt het defensiebudget in {F} tot {bn:defensiebudget}.",
            "Daarmee komen de defensie-uitgaven van {S} in {F} uit op {gdp:defensie-uitgaven}.",
            "In {Y} bedraagt het defensiebudget van {S} {fx:defensiebudget}.",
            "{S} investeert in de periode {P} in totaal {bn:investeringen in materieel} in nieuw "
            "materieel, waaronder fregatten en luchtverdedigingssystemen.",
            "Het aandeel van investeringen in de totale defensie-uitgaven van {S} ligt in {Y} "
            "op {pct:investeringsquote}.",
            "Nederland heeft {few:detachering:stafofficieren} gedetacheerd bij de staf van de "
            "gezamenlijke brigade met {S}.",
            "Sinds {Y} levert {S} met {count:NAVO-inzet:militairen} een bijdrage aan de "
            "NAVO-aanwezigheid in het Baltische gebied.",
            "Voor de gezamenlijke aanschaf van munitie trekt {S} {mn:munitieaankopen} uit.",
            "De opleiding van {count:opleidingssamenwerking:militairen} uit {S} vindt in {F} "
            "plaats op Nederlandse oefenterreinen.",
            "{S} heeft toegezegd de defensie-uitgaven uiterlijk in {F} te verhogen "
            "{gdp:defensie-uitgaven|tot}.",
            "In {F} neemt {S} met {few:oefeningsinzet:schepen} deel aan de gezamenlijke "
            "maritieme oefening in de Noordzee.",
            "De bijdrage van {S} aan het gezamenlijke fonds voor militaire mobiliteit bedraagt "
            "{mn:militaire mobiliteit}.",
            "De samenwerking met {S} richt zich vooral op opleiding, materieel en operationele "
            "inzet.",
            "De coördinatie van de gezamenlijke oefeningen ligt bij de Duits-Nederlandse "
            "legerkorpsstaf.",
            "Met {S} is afgesproken de onderhoudscapaciteit voor gevechtsvoertuigen te delen.",
            "Dit past binnen het streven naar een sterkere ‘Europese pijler’ binnen de NAVO.",
            "De ministers van Defensie van Nederland en {S} hebben hierover in {Y} een "
            "intentieverklaring ondertekend.",
            "Beide landen onderzoeken of de cyberverdediging verder kan worden geïntegreerd.",
        ),
        currencies={
            "Noorwegen": ("NOK", Decimal("0.087")),
            "Denemarken": ("DKK", Decimal("0.134")),
            "Zweden": ("SEK", Decimal("0.088")),
            "Polen": ("PLN", Decimal("0.22")),
            "Roemenië": ("RON", Decimal("0.2")),
        },
    ),
    Topic(
        key="waterveiligheid",
        ministry="Ministerie van Infrastructuur en Waterstaat",
        postbus="Postbus 20901 2500 EX Den Haag",
        signatories=(
            "DE MINISTER VAN INFRASTRUCTUUR EN WATERSTAAT,",
            "DE STAATSSECRETARIS VAN INFRASTRUCTUUR EN WATERSTAAT,",
        ),
        chapter="XII",
        committee="de vaste commissie voor Infrastructuur en Waterstaat",
        reference_format="IENW/BSK-{year}/{n:06d}",
        kind="regio",
        entities=_names(
            "Zeeland, Fryslân, Groningen, Zuid-Holland, Gelderland, Limburg, Flevoland, "
            "Noord-Holland, Overijssel, Rivierenland, Dordrecht, Den Helder, Delfzijl, "
            "Kampen"
        ),
        themes=(
            "de voortgang van het Hoogwaterbeschermingsprogramma",
            "de waterveiligheid per regio",
            "de uitkomsten van de landelijke beoordeling van de primaire waterkeringen",
        ),
        subjects=(
            "Voortgangsrapportage waterveiligheid {Y}",
            "Waterveiligheid per regio",
            "Stand van zaken dijkversterkingen",
        ),
        headings=(
            "Waterveiligheid in {S}",
            "{S}",
            "Stand van de dijkversterkingen",
            "Financiën van het Hoogwaterbeschermingsprogramma",
            "Kust en zandsuppleties",
            "Klimaatadaptatie",
            "Vervolg",
        ),
        sentences=(
            "In {S} wordt {count:dijkversterking:kilometer} dijk versterkt in de periode {P}.",
            "De raming voor de dijkversterking in {S} bedraagt {mn:dijkversterking}.",
            "In {Y} is voor het Hoogwaterbeschermingsprogramma (HWBP) {bn:HWBP-budget} "
            "beschikbaar, waarvan een deel voor {S}.",
            "Uit de landelijke beoordeling blijkt dat {pct:afgekeurde keringen} van de primaire "
            "waterkeringen in {S} nog niet aan de norm voldoet.",
            "Het waterschap verwacht in {F} in {S} {few:vervanging gemalen:gemalen} te vervangen.",
            "De kosten van de zandsuppleties langs de kust bij {S} lopen in {Y} op tot "
            "{mn:zandsuppleties}.",
            "Achter de keringen in {S} wonen {count:beschermde inwoners:inwoners}.",
            "Het Rijk draagt {pct:rijksbijdrage} bij aan de kosten van de versterking in {S}; "
            "het waterschap betaalt het overige deel.",
            "In {Y} zijn bij {S} {few:renovatie sluizen:sluizen} gerenoveerd.",
            "Voor het programma ‘Sterke Dijken’ is in {S} voor de periode {P} "
            "in totaal {mn:programmabudget} gereserveerd.",
            "Na de hoogwaterperiode van {Y} zijn in {S} {count:schade-inspecties:inspecties} "
            "uitgevoerd.",
            "De onderhoudskosten van de waterkeringen bij {S} stijgen in {F} met "
            "{pct:onderhoudskosten}.",
            "Met het KNMI en Rijkswaterstaat wordt onderzocht wat de versnelde "
            "zeespiegelstijging betekent voor {S}.",
            "De coördinatie tussen Rijkswaterstaat, de provincie en het waterschap verloopt via "
            "het Bestuurlijk Overleg Water.",
            "De verkenning voor de dijkversterking bij {S} wordt in {F} afgerond.",
            "Bewoners en ondernemers in {S} worden via informatieavonden bij de plannen betrokken.",
            "Waar mogelijk wordt de versterking gecombineerd met natuurontwikkeling en recreatie.",
            "De nieuwe normering vraagt om een integrale benadering van water en ruimte.",
        ),
    ),
    Topic(
        key="onderwijs",
        ministry="Ministerie van Onderwijs, Cultuur en Wetenschap",
        postbus="Postbus 16375 2500 BJ Den Haag",
        signatories=(
            "DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP,",
            "DE MINISTER VOOR PRIMAIR EN VOORTGEZET ONDERWIJS,",
        ),
        chapter="VIII",
        committee="de vaste commissie voor Onderwijs, Cultuur en Wetenschap",
        reference_format="{n:08d}",
        kind="provincie",
        entities=_names(
            "Groningen, Fryslân, Drenthe, Overijssel, Flevoland, Gelderland, Utrecht, "
            "Noord-Holland, Zuid-Holland, Zeeland, Noord-Brabant, Limburg"
        ),
        themes=(
            "de verdeling van de onderwijsmiddelen over de provincies",
            "de regionale aanpak van het lerarentekort",
            "de gevolgen van de leerlingendaling in {S}",
        ),
        subjects=(
            "Onderwijsbudgetten per provincie {Y}",
            "Verdeling onderwijsachterstandenmiddelen",
            "Voortgang aanpak lerarentekort",
        ),
        headings=(
            "Provincie {S}",
            "{S}",
            "Onderwijsachterstandenmiddelen",
            "Lerarentekort",
            "Huisvesting",
            "Leerlingendaling en kleine scholen",
            "Vervolg",
        ),
        sentences=(
            "In {Y} ontvangen scholen in {S} {mn:onderwijsachterstandenmiddelen} aan "
            "onderwijsachterstandenmiddelen.",
            "Het aantal leerlingen in het primair onderwijs in {S} daalt tot {F} met "
            "{pct:leerlingendaling}.",
            "In {Y} stonden in {S} {count:lerarentekort:vacatures} voor leraren open.",
            "Voor de vernieuwing van schoolgebouwen in {S} is "
            "{mn:investeringen in schoolgebouwen} gereserveerd.",
            "Uit het Nationaal Programma Onderwijs ontvangt {S} voor de periode {P} in totaal "
            "{mn:herstelmiddelen}.",
            "In {S} volgen {count:deelname mbo:leerlingen} een opleiding in het mbo.",
            "In {Y} krijgt de regionale aanpak van het lerarentekort in {S} "
            "{mn:aanpak lerarentekort} extra.",
            "Het aandeel kleine scholen in {S} bedraagt {pct:kleine scholen}.",
            "In {F} sluiten in {S} {few:schoolsluitingen:scholen} hun deuren vanwege het "
            "dalende leerlingenaantal.",
            "De lumpsumbekostiging voor het voortgezet onderwijs in {S} stijgt in {F} met "
            "{pct:lumpsumbekostiging}.",
            "In {Y} bedraagt het onderwijsbudget voor {S} {bn:onderwijsbudget}.",
            "Schoolbesturen in {S} werken samen in een regionaal transfercentrum voor leraren.",
            "De inspectie ziet toe op de besteding van de middelen en rapporteert hierover "
            "jaarlijks.",
            "Het kabinet wil de kansengelijkheid in het onderwijs structureel vergroten.",
            "In {S} is bijzondere aandacht voor de bereikbaarheid van scholen in dunbevolkte "
            "gebieden.",
            "De middelen worden verdeeld op basis van de onderwijsachterstandenindicator van "
            "het CBS.",
            "Scholen krijgen ruimte om de middelen in te zetten voor kleinere klassen, extra "
            "begeleiding of bijscholing.",
        ),
    ),
    Topic(
        key="energietransitie",
        ministry="Ministerie van Economische Zaken en Klimaat",
        postbus="Postbus 20401 2500 EK Den Haag",
        signatories=(
            "DE MINISTER VAN ECONOMISCHE ZAKEN EN KLIMAAT,",
            "DE STAATSSECRETARIS VAN ECONOMISCHE ZAKEN EN KLIMAAT,",
        ),
        chapter="XIII",
        committee="de vaste commissie voor Economische Zaken en Klimaat",
        reference_format="DGKE-E / {n:08d}",
        kind="regio",
        entities=_names(
            "Groningen, Noord-Holland Noord, Rotterdam-Moerdijk, Zeeland, Drechtsteden, "
            "Twente, Noord- en Midden-Limburg, West-Brabant, Foodvalley, Holland "
            "Rijnland, Fryslân, Drenthe"
        ),
        themes=(
            "de voortgang van de energietransitie in de regio's",
            "de Regionale Energiestrategieën en de netcongestie",
            "de verduurzaming van de gebouwde omgeving in {S}",
        ),
        subjects=(
            "Voortgang energietransitie in de regio",
            "Regionale Energiestrategieën en netcongestie",
            "Stand van zaken verduurzaming {Y}",
        ),
        headings=(
            "Regio {S}",
            "{S}",
            "Netcongestie",
            "Duurzame opwek",
            "Gebouwde omgeving",
            "Industrie",
            "Vervolgstappen",
        ),
        sentences=(
            "De Regionale Energiestrategie van {S} voorziet tot {F} in "
            "{count:wind op land:windturbines}.",
            "In {Y} zijn in {S} {count:aardgasvrije woningen:woningen} van het aardgas gehaald.",
            "In {Y} ontvingen projecten in {S} {mn:SDE++-subsidie} uit de SDE++-regeling.",
            "De CO2-uitstoot in {S} is sinds {Y} met {pct:CO2-reductie} gedaald.",
            "Netbeheerders investeren in de periode {P} in totaal {bn:netinvesteringen} in het "
            "elektriciteitsnet van {S}.",
            "In {S} staan {count:netcongestie:bedrijven} op de wachtlijst voor een zwaardere "
            "aansluiting op het stroomnet.",
            "In {Y} heeft het Warmtefonds in {S} {count:isolatieleningen:leningen} verstrekt.",
            "Het streven naar {pct:lokaal eigendom} lokaal eigendom van nieuwe wind- en "
            "zonneprojecten wordt in {S} gehaald.",
            "Voor de verduurzaming van de industrie in {S} is {bn:verduurzaming industrie} "
            "gereserveerd.",
            "Het opgestelde vermogen aan zonnepanelen in {S} groeide in {Y} met "
            "{pct:groei zonnestroom}.",
            "In {Y} zijn in {S} {count:laadinfrastructuur:laadpalen} geplaatst.",
            "De coördinatie tussen netbeheerder, provincie en gemeenten is in {S} "
            "ondergebracht in een regionaal programmabureau.",
            "Het kabinet wil de netcongestie samen met de netbeheerders versneld aanpakken.",
            "Gemeenten in {S} stellen hun transitievisies warmte op in nauwe samenwerking met "
            "woningcorporaties.",
            "Energiecoöperaties spelen in {S} een belangrijke rol bij het draagvlak voor nieuwe "
            "projecten.",
            "Ik blijf met de regio in gesprek over de ruimtelijke inpassing van windparken.",
        ),
    ),
    Topic(
        key="zorgcapaciteit",
        ministry="Ministerie van Volksgezondheid, Welzijn en Sport",
        postbus="Postbus 20350 2500 EJ Den Haag",
        signatories=(
            "DE MINISTER VAN VOLKSGEZONDHEID, WELZIJN EN SPORT,",
            "DE STAATSSECRETARIS VAN VOLKSGEZONDHEID, WELZIJN EN SPORT,",
        ),
        chapter="XVI",
        committee="de vaste commissie voor Volksgezondheid, Welzijn en Sport",
        reference_format="{n:07d}-{m:07d}-CZ",
        kind="regio",
        entities=_names(
            "Noord-Nederland, Twente, Zuid-Limburg, Zeeland, Amsterdam, "
            "Rotterdam-Rijnmond, Utrecht, Oost-Brabant, Gelderland-Zuid, Flevoland, "
            "Haaglanden, Drenthe"
        ),
        themes=(
            "de capaciteit in de acute zorg per regio",
            "de personeelstekorten in de zorg",
            "de regionale zorgcoördinatie in {S}",
        ),
        subjects=(
            "Capaciteit acute zorg per regio",
            "Zorgcapaciteit en personeelstekorten {Y}",
            "Voortgang regionale zorgcoördinatie",
        ),
        headings=(
            "Regio {S}",
            "{S}",
            "Intensive care",
            "Personeel",
            "Ouderenzorg",
            "Financiering",
            "Vervolg",
        ),
        sentences=(
            "In {Y} zijn in de regio {S} {count:IC-capaciteit:IC-bedden} beschikbaar.",
            "Het ROAZ in de regio {S} verwacht in {F} een tekort van "
            "{count:personeelstekort:verpleegkundigen}.",
            "De zorguitgaven in {S} stijgen in {F} met {pct:zorguitgaven}.",
            "Voor de opschaling van de acute zorg in {S} is {mn:opschaling acute zorg} "
            "beschikbaar gesteld.",
            "In {S} staan {count:wachtlijst verpleeghuiszorg:ouderen} op de wachtlijst voor "
            "een verpleeghuisplaats.",
            "Daarnaast ontvangen {few:tijdelijke bijdrage:ziekenhuizen} in {S} samen een "
            "tijdelijke bijdrage van {mn:tijdelijke bijdrage}.",
            "Het aantal huisartsen in {S} daalt naar verwachting met {pct:huisartsen} tot {F}.",
            "De bezettingsgraad van de ziekenhuisbedden in {S} lag in {Y} op "
            "{pct:bezettingsgraad}.",
            "Het budget voor de regionale zorgcoördinatie in {S} bedraagt "
            "{mn:regionale zorgcoördinatie} per jaar.",
            "In {Y} zijn in {S} {count:opleidingsplaatsen:opleidingsplaatsen} voor "
            "IC-verpleegkundigen gecreëerd.",
            "De NZa ziet toe op de zorgplicht van zorgverzekeraars in {S}.",
            "Zorgaanbieders in {S} maken afspraken over de spreiding van patiënten bij "
            "piekbelasting.",
            "Het Landelijk Coördinatiecentrum Patiënten Spreiding ondersteunt de regio's bij "
            "grote drukte.",
            "Ik verwacht van zorgverzekeraars en zorgaanbieders dat zij gezamenlijk "
            "verantwoordelijkheid nemen.",
            "De Inspectie Gezondheidszorg en Jeugd (IGJ) houdt toezicht op de kwaliteit van de "
            "zorg in {S}.",
        ),
    ),
    Topic(
        key="ontwikkelingshulp",
        ministry="Ministerie van Buitenlandse Zaken",
        postbus="Postbus 20061 2500 EB Den Haag",
        signatories=("DE MINISTER VOOR BUITENLANDSE HANDEL EN ONTWIKKELINGSSAMENWERKING,",),
        chapter="XVII",
        committee="de vaste commissie voor Buitenlandse Handel en Ontwikkelingssamenwerking",
        reference_format="BZDOC-{n:09d}-{m:02d}",
        kind="partnerland",
        entities=_names(
            "Mali, Ethiopië, Mozambique, Bangladesh, Jemen, Oeganda, Rwanda, Burundi, "
            "Zuid-Soedan, Benin, Niger, Jordanië, Libanon, Kenia"
        ),
        themes=(
            "de inzet van de ontwikkelingshulp per partnerland",
            "de humanitaire hulp en de meerjarige steun aan onze partnerlanden",
            "de resultaten van de samenwerking met {S}",
        ),
        subjects=(
            "Ontwikkelingssamenwerking per partnerland {Y}",
            "Humanitaire hulp en meerjarige steun",
            "Resultaten ontwikkelingssamenwerking met {S}",
        ),
        headings=(
            "Samenwerking met {S}",
            "{S}",
            "Humanitaire hulp",
            "Water en voedselzekerheid",
            "Onderwijs en gezondheid",
            "Multilaterale kanalen",
            "Vervolg",
        ),
        sentences=(
            "In {Y} bedraagt de bilaterale ontwikkelingshulp aan {S} {mn:bilaterale hulp}.",
            "In {Y} gaat via de Dutch Relief Alliance {mn:humanitaire hulp} naar {S}.",
            "In {S} hebben sinds {Y} {count:drinkwatervoorziening:mensen} toegang gekregen tot "
            "veilig drinkwater.",
            "Nederland draagt {mn:VN-landenfonds} bij aan het landenfonds van de VN voor {S}.",
            "De ambassade in {S} beheert {few:waterprogramma's:programma's} op het gebied van "
            "waterbeheer.",
            "Van het totale programma voor {S} gaat {pct:voedselzekerheid} naar voedselzekerheid.",
            "In de periode {P} ontvangt {S} in totaal {mn:meerjarige steun} aan meerjarige steun.",
            "Dankzij het programma gaan in {S} {count:onderwijsdeelname:kinderen} naar school.",
            "De opbrengst per hectare van {count:landbouwsteun:boerenhuishoudens} in {S} steeg "
            "in {Y} met {pct:productiviteitsgroei}.",
            "Het programma in {S} richt zich op voedselzekerheid, water en seksuele en "
            "reproductieve gezondheid en rechten.",
            "De veiligheidssituatie in {S} bemoeilijkt de uitvoering van een aantal projecten.",
            "Nederland werkt in {S} nauw samen met andere donoren en met de Wereldbank.",
            "De resultaten worden jaarlijks gerapporteerd in de resultatenrapportage van het "
            "ministerie.",
            "Lokale maatschappelijke organisaties zijn in {S} nauw betrokken bij de uitvoering.",
        ),
    ),
    Topic(
        key="woningbouw",
        ministry="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        postbus="Postbus 20011 2500 EA Den Haag",
        signatories=(
            "DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES,",
            "DE MINISTER VOOR VOLKSHUISVESTING EN RUIMTELIJKE ORDENING,",
        ),
        chapter="VII",
        committee="de vaste commissie voor Binnenlandse Zaken",
        reference_format="{year}-{n:07d}",
        kind="provincie",
        entities=_names(
            "Groningen, Fryslân, Drenthe, Overijssel, Flevoland, Gelderland, Utrecht, "
            "Noord-Holland, Zuid-Holland, Zeeland, Noord-Brabant, Limburg"
        ),
        themes=(
            "de voortgang van de woningbouw per provincie",
            "de woondeals met de provincies",
            "de woningbouwopgave in {S}",
        ),
        subjects=(
            "Voortgang woningbouw per provincie",
            "Woondeals en Woningbouwimpuls {Y}",
            "Stand van zaken volkshuisvesting",
        ),
        headings=(
            "Provincie {S}",
            "{S}",
            "Woningbouwimpuls",
            "Betaalbaarheid",
            "Flexwonen",
            "Versnelling van procedures",
            "Vervolg",
        ),
        sentences=(
            "In {S} worden {count:woningbouw:woningen} gebouwd in de periode {P}.",
            "Het woningtekort in {S} bedraagt {pct:woningtekort} van de woningvoorraad.",
            "In {Y} ontvangt {S} {mn:Woningbouwimpuls} uit de Woningbouwimpuls.",
            "Van de geplande woningen in {S} is {pct:sociale huur} bestemd voor sociale huur.",
            "Voor flexwoningen in {S} reserveert het kabinet {mn:flexwoningen}.",
            "In {Y} zijn in {S} {count:vergunningverlening:bouwvergunningen} verleend.",
            "De provincie {S} wil tot {F} {count:betaalbare woningen:woningen} in het "
            "betaalbare segment realiseren.",
            "De gemiddelde doorlooptijd van bouwprojecten in {S} is in {Y} met "
            "{pct:doorlooptijd} afgenomen.",
            "Gemeenten in {S} ontvangen {mn:versnellingsmiddelen} om de bouw te versnellen.",
            "Met de provincie {S} zijn woondeals gesloten over de aantallen en de locaties.",
            "Woningcorporaties in {S} spelen een sleutelrol bij de bouw van sociale huurwoningen.",
            "De stikstofproblematiek vertraagt in {S} een aantal grote bouwprojecten.",
            "Het kabinet wil de regie op de volkshuisvesting versterken.",
            "Ik vraag gemeenten in {S} om vergunningaanvragen met voorrang te behandelen.",
        ),
    ),
)

#: Sentences any letter may use: procedure, promises and references to earlier documents.
GENERAL_SENTENCES = (
    "Met deze brief geef ik uitvoering aan de {motie} ({kst}).",
    "Eerder heb ik uw Kamer hierover geïnformeerd ({kst}).",
    "Hiermee beantwoord ik tevens het verzoek van {committee} ({zaak}).",
    "Tijdens de begrotingsbehandeling is hierover uitvoerig gesproken ({hand}).",
    "De {motie} verzoekt de regering uw Kamer jaarlijks over de voortgang te informeren ({kst}).",
    "In de bijlage bij deze brief ({doc}) is een overzicht per {kind} opgenomen.",
    "Deze aanpak sluit aan bij de eerder aangenomen {motie}.",
    "Over de financiële gevolgen verwijs ik naar de suppletoire begroting ({kst}).",
    "Daarmee is ook de toezegging uit het commissiedebat van {date} afgedaan.",
    "Het kabinet hecht grote waarde aan een zorgvuldige en tijdige uitvoering.",
    "Zoals aangekondigd in mijn brief van {date} ({kst}) is de uitvoering inmiddels gestart.",
    "Met de {motie} heeft uw Kamer gevraagd om meer inzicht in de besteding van de middelen.",
    "Het verslag van het schriftelijk overleg ({doc}) bevat een nadere toelichting.",
    "Zoals ik tijdens het vragenuur heb aangegeven ({hand}), volg ik de ontwikkelingen nauwgezet.",
    "De Algemene Rekenkamer besteedt hier in haar verantwoordingsonderzoek aandacht aan.",
    "Uw Kamer ontvangt de volgende voortgangsrapportage voor het einde van {F}.",
)
OPENINGS = (
    "Met deze brief informeer ik uw Kamer over {theme}.",
    "In deze brief ga ik in op {theme}.",
    "Graag informeer ik uw Kamer, mede namens de minister van Financiën, over {theme}.",
    "Zoals toegezegd tijdens het commissiedebat van {date} informeer ik uw Kamer hierbij over "
    "{theme}.",
)
OPENING_FOLLOW_UPS = (
    "Eerder heb ik uw Kamer hierover geïnformeerd ({kst}).",
    "Hiermee beantwoord ik tevens het verzoek van {committee} ({zaak}).",
    "Met deze brief geef ik ook uitvoering aan de {motie} ({kst}).",
    "Ik ga hieronder achtereenvolgens in op de stand van zaken, de financiën en de vervolgstappen.",
)
CLOSINGS = (
    "Ik vertrouw erop uw Kamer hiermee voldoende te hebben geïnformeerd.",
    "Ik houd uw Kamer op de hoogte van de verdere ontwikkelingen.",
    "Ik zal uw Kamer voor het einde van {F} opnieuw informeren over de voortgang.",
)


# --- Structured truth ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A reference to a parliamentary document, as written and normalised.

    ``dossier`` is the Kamerstuk number without spaces (``"35570"``), ``suffix`` its
    sub-number or budget chapter (``"33"``, ``"X"``), ``number`` the item (``"53"``);
    ``members`` names who submitted a motie; ``session`` is a Handelingen year (``"2019/20"``).
    """

    text: str
    kind: str
    dossier: str | None = None
    suffix: str | None = None
    number: str | None = None
    members: tuple[str, ...] = ()
    session: str | None = None


@dataclass(frozen=True)
class Fact:
    """A quantity stated in a letter: its raw text (with qualifier) and what it means.

    ``value`` is in base units (euros, not billions; 30 for "30 procent"); ``unit`` is a
    currency code, ``"%"``, ``"% BBP"`` or the counted noun; ``year``/``year_end`` give the
    year or period the sentence puts it in.
    """

    text: str
    value: float
    unit: str
    qualifier: str | None
    measure: str
    subject: str
    year: int | None = None
    year_end: int | None = None


@dataclass(frozen=True)
class Section:
    """A body section: a bold heading and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Letter:
    """A letter to parliament with everything known about it."""

    seed: int
    topic: str
    sender: str
    return_address: str
    addressee: tuple[str, ...]
    date: str
    date_text: str
    subject: str
    reference: str
    sidebar: dict[str, str]
    cc: str | None
    opening: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: str
    signatory_title: str
    signatory: str
    references: tuple[Reference, ...]
    facts: tuple[Fact, ...]
    greeting: str = GREETING

    @property
    def paragraphs(self) -> list[str]:
        """Every body paragraph in reading order, headings excluded."""
        body = [p for section in self.sections for p in section.paragraphs]
        return [*self.opening, *body, self.closing]

    @property
    def text(self) -> str:
        """The body as plain text: opening, headed sections, closing and signature."""
        blocks = list(self.opening)
        for section in self.sections:
            blocks.append(section.heading)
            blocks.extend(section.paragraphs)
        blocks += [self.closing, self.greeting, self.signatory_title, self.signatory]
        return "\n\n".join(blocks)


# --- Writing -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\{(\w+)((?::[^:|}]+)*)(?:\|([^}]+))?\}")


def write_letter(seed: int, paragraphs: int = 12) -> Letter:
    """Write the fictional letter for ``seed`` with ``paragraphs`` body paragraphs.

    The topic cycles with the seed, so consecutive seeds cover every ministry. Sections are
    drawn last and one after the other, so a longer letter only adds paragraphs to a shorter
    one with the same seed: callers can grow a letter until it fills the pages they want.
    """
    rng = random.Random(seed)
    topic = TOPICS[seed % len(TOPICS)]
    day = date(rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28))
    writer = _Writer(rng, topic, day)
    subject = writer.render(rng.choice(topic.subjects), writer.next_entity())
    reference = topic.reference_format.format(
        year=day.year, n=rng.randint(1, 10**6 - 1), m=rng.randint(1, 99)
    )
    sidebar, cc = _sidebar(rng, topic, day, subject, reference)
    opening = writer.opening()
    closing = writer.render(rng.choice(CLOSINGS), topic.entities[0])
    signatory_title, signatory = rng.choice(topic.signatories), person_name(rng)
    sections = tuple(writer.sections(paragraphs))
    return Letter(
        seed=seed,
        topic=topic.key,
        sender=topic.ministry,
        return_address=f"> Retouradres {topic.postbus}",
        addressee=ADDRESSEE,
        date=day.isoformat(),
        date_text=dutch_date(day),
        subject=subject,
        reference=reference,
        sidebar=sidebar,
        cc=cc,
        opening=opening,
        sections=sections,
        closing=closing,
        signatory_title=signatory_title,
        signatory=signatory,
        references=tuple(writer.references),
        facts=tuple(writer.facts),
    )


def dutch_date(day: date) -> str:
    """``date(2021, 3, 12)`` -> ``"12 maart 2021"``, as dated letters write it."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def dutch_number(value: Decimal) -> str:
    """Write a number the Dutch way: decimal comma, thousands dots, no trailing zeros.

    >>> dutch_number(Decimal("12500")), dutch_number(Decimal("4.760")), dutch_number(Decimal("3"))
    ('12.500', '4,76', '3')
    """
    whole, _, decimals = f"{value:f}".partition(".")
    decimals = decimals.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{decimals}" if decimals else grouped


def person_name(rng: random.Random) -> str:
    """A fictional name with title and initials, e.g. ``"drs. A.C. van Leeuwen"``."""
    initials = "".join(f"{rng.choice('ABCDEFGHJKLMNPRSTW')}." for _ in range(rng.randint(1, 3)))
    prefix, name = rng.choice(SURNAMES)
    surname = f"{prefix} {name}" if prefix else name
    return f"{rng.choice(ACADEMIC_TITLES)}{initials} {surname}"


def member_name(rng: random.Random) -> str:
    """A member of parliament as a motie names them: ``"Van Dijk"``, ``"Hermans"``."""
    prefix, name = rng.choice(SURNAMES)
    return f"{prefix.capitalize()} {name}" if prefix else name


def _sidebar(
    rng: random.Random, topic: Topic, day: date, subject: str, reference: str
) -> tuple[dict[str, str], str | None]:
    """The right-hand column of page 1; which optional fields appear varies per letter."""
    sidebar: dict[str, str] = {}
    if rng.random() < 0.5:
        sidebar["Contactpersoon"] = person_name(rng)
    sidebar["Datum"] = dutch_date(day)
    sidebar["Betreft"] = subject
    sidebar["Onze referentie"] = reference
    if rng.random() < 0.5:
        sidebar["Uw referentie"] = f"{day.year}Z{rng.randint(1, 25_000):05d}"
    if rng.random() < 0.5:
        sidebar["Bijlage(n)"] = str(rng.randint(1, 3))
    cc = rng.choice(COPY_RECIPIENTS) if rng.random() < 0.4 else None
    if cc:
        sidebar["Afschrift aan"] = cc
    return sidebar, cc


def _deck(rng: random.Random, items: Sequence[str]) -> Iterator[str]:
    """Endless shuffled passes over ``items``: varied text without long-range repeats."""
    while True:
        yield from rng.sample(list(items), len(items))


class _Writer:
    """Fills templates for one letter and records the facts and references it writes."""

    def __init__(self, rng: random.Random, topic: Topic, day: date) -> None:
        self.rng = rng
        self.topic = topic
        self.day = day
        self.facts: list[Fact] = []
        self.references: list[Reference] = []
        self._entities = _deck(rng, topic.entities)
        self._sentences = _deck(rng, topic.sentences)
        self._general = _deck(rng, GENERAL_SENTENCES)
        self._headings = _deck(rng, topic.headings)

    def next_entity(self) -> str:
        return next(self._entities)

    def opening(self) -> tuple[str, ...]:
        """One opening paragraph: what the letter is about, then why it is sent."""
        theme = self.rng.choice(self.topic.themes)
        first = self.rng.choice(OPENINGS).replace("{theme}", theme)
        follow_ups = self.rng.sample(OPENING_FOLLOW_UPS, self.rng.randint(1, 2))
        entity = self.next_entity()
        return (" ".join(self.render(t, entity) for t in [first, *follow_ups]),)

    def sections(self, paragraphs: int) -> Iterator[Section]:
        """Sections of 2-5 paragraphs until ``paragraphs`` have been written."""
        remaining = paragraphs
        while remaining > 0:
            size = min(self.rng.randint(2, 5), remaining)
            remaining -= size
            heading = next(self._headings)
            entity = self.next_entity()
            if "{S}" in heading:
                paras = tuple(self.paragraph(entity) for _ in range(size))
            else:
                paras = tuple(self.paragraph(self.next_entity()) for _ in range(size))
            yield Section(self.render(heading, entity), paras)

    def paragraph(self, entity: str) -> str:
        """Three to five topic sentences about ``entity``, sometimes with a procedural one."""
        templates: list[str] = []
        size = self.rng.randint(3, 5)
        while len(templates) < size:
            template = next(self._sentences)
            if template not in templates:
                templates.append(template)
        if self.rng.random() < 0.3:
            templates.insert(self.rng.randint(1, len(templates)), next(self._general))
        return " ".join(self.render(t, entity) for t in templates)

    def render(self, template: str, entity: str) -> str:
        """Fill one template; facts get ``entity`` as subject and the sentence's year."""
        rng = self.rng
        past = rng.randint(self.day.year - 3, self.day.year)
        future = rng.randint(self.day.year + 1, self.day.year + 6)
        start = rng.randint(self.day.year - 2, self.day.year + 2)
        period = (start, start + rng.randint(2, 6))
        if "{Y}" in template:
            years: tuple[int | None, int | None] = (past, None)
        elif "{F}" in template:
            years = (future, None)
        elif "{P}" in template:
            years = period
        else:
            years = (None, None)

        def fill(match: re.Match[str]) -> str:
            name, args, forced = match.group(1), match.group(2)[1:].split(":"), match.group(3)
            match name:
                case "S":
                    return entity
                case "Y":
                    return str(past)
                case "F":
                    return str(future)
                case "P":
                    return f"{period[0]}{rng.choice('-–')}{period[1]}"
                case "date":
                    return dutch_date(self.day - timedelta(days=rng.randint(20, 400)))
                case "committee":
                    return self.topic.committee
                case "kind":
                    return self.topic.kind
                case "kst":
                    return self.kamerstuk()
                case "motie":
                    return self.motie()
                case "zaak" | "doc":
                    return self.case_number("Z" if name == "zaak" else "D")
                case "hand":
                    return self.handelingen()
            text, facts = self.quantity(name, args, forced, entity)
            self.facts.extend(
                Fact(t, float(v), unit, q, args[0], entity, *years) for t, v, unit, q in facts
            )
            return text

        return _TOKEN.sub(fill, template)

    def quantity(
        self, kind: str, args: list[str], forced: str | None, entity: str
    ) -> tuple[str, list[_RawFact]]:
        """The text of a fact placeholder and the facts it states."""
        match kind:
            case "bn" | "mn":
                return self.money("miljard" if kind == "bn" else "miljoen", forced)
            case "fx":
                return self.foreign_money(entity, forced)
            case "pct" | "gdp":
                return self.percentage(kind == "gdp", forced)
            case "count" | "few":
                return self.count(args[1], kind == "few", forced)
        raise ValueError(f"unknown placeholder {{{kind}}} in a template; see the module docstring")

    # -- fact placeholders: each returns the text and (text, value, unit, qualifier) tuples --

    def qualifier(self, forced: str | None) -> str | None:
        return forced or self.rng.choice(QUALIFIERS)

    def money(self, scale: str, forced: str | None) -> tuple[str, list[_RawFact]]:
        rng = self.rng
        if scale == "miljard":
            value = rng.choice(
                [Decimal(rng.randint(1, 150)) / 10, Decimal(rng.randint(100, 999)) / 100]
            )
            base = value * 10**9
        else:
            value = rng.choice([Decimal(rng.randint(2, 950)), Decimal(rng.randint(15, 999)) / 10])
            base = value * 10**6
        number = dutch_number(value)
        text = rng.choice([f"€{number} {scale}", f"€ {number} {scale}", f"{number} {scale} euro"])
        qualifier = self.qualifier(forced)
        text = f"{qualifier} {text}" if qualifier else text
        return text, [(text, base, "EUR", qualifier)]

    def foreign_money(self, entity: str, forced: str | None) -> tuple[str, list[_RawFact]]:
        """``3,5 miljard NOK (€0,3 miljard)``: two facts, the amount and its euro value."""
        if entity not in self.topic.currencies:
            return self.money("miljard", forced)
        code, rate = self.topic.currencies[entity]
        value = Decimal(self.rng.randint(10, 900)) / 10
        euros = max((value * rate).quantize(Decimal("0.1")), Decimal("0.1"))
        qualifier = self.qualifier(forced)
        amount = f"{dutch_number(value)} miljard {code}"
        amount = f"{qualifier} {amount}" if qualifier else amount
        in_euros = f"€{dutch_number(euros)} miljard"
        facts = [(amount, value * 10**9, code, qualifier), (in_euros, euros * 10**9, "EUR", None)]
        return f"{amount} ({in_euros})", facts

    def percentage(self, of_gdp: bool, forced: str | None) -> tuple[str, list[_RawFact]]:
        rng = self.rng
        if of_gdp:
            value = Decimal(rng.randint(7, 35)) / 10
        else:
            value = rng.choice([Decimal(rng.randint(2, 75)), Decimal(rng.randint(5, 400)) / 10])
        number = dutch_number(value)
        text = rng.choice([f"{number}%", f"{number} procent"])
        if of_gdp:
            text += rng.choice([" van het BBP", " van het bbp"])
        qualifier = self.qualifier(forced)
        text = f"{qualifier} {text}" if qualifier else text
        return text, [(text, value, "% BBP" if of_gdp else "%", qualifier)]

    def count(self, unit: str, in_words: bool, forced: str | None) -> tuple[str, list[_RawFact]]:
        rng = self.rng
        if in_words:
            value = rng.randint(2, 12)
            number = NUMBER_WORDS[value]
            qualifier = forced
        else:
            low, high = COUNT_RANGES[unit]
            value = rng.randint(low, high)
            if value >= 1000:
                value = round(value, -len(str(value)) + rng.choice([2, 3]))
            number = dutch_number(Decimal(value))
            qualifier = self.qualifier(forced)
        text = f"{number} {unit}"
        text = f"{qualifier} {text}" if qualifier else text
        return text, [(text, Decimal(value), unit, qualifier)]

    # -- reference placeholders ---------------------------------------------------------------

    def kamerstuk(self) -> str:
        """A Kamerstuk in one of the ways letters write them, e.g. ``Kamerstuk 36120, nr. 14``."""
        rng = self.rng
        dossier = str(rng.randint(29_000, 36_500))
        spaced = f"{dossier[:2]} {dossier[2:]}"
        number = str(rng.randint(1, 400))
        chapter = self.topic.chapter
        suffix: str | None = None
        match rng.randrange(5):
            case 0:
                text = f"Kamerstuk {dossier}, nr. {number}"
            case 1:
                text, suffix = f"Kamerstuk {spaced} {chapter} nr. {number}", chapter
            case 2:
                text, suffix = f"Kamerstuk {spaced} {chapter}, nr. {number}", chapter
            case 3:
                dossier, suffix = "21501", rng.choice(EU_DOSSIER_SUFFIXES)
                text = f"Kamerstuk 21 501-{suffix}, nr. {number}"
            case _:
                text = f"Kamerstukken {spaced}, nr. {number}"
        self.references.append(Reference(text, "kamerstuk", dossier, suffix, number))
        return text

    def motie(self) -> str:
        rng = self.rng
        first, second = member_name(rng), member_name(rng)
        if first == second or rng.random() < 0.75:
            text = rng.choice([f"motie {first}", f"motie van het lid {first}", f"motie-{first}"])
            members: tuple[str, ...] = (first,)
        else:
            text, members = f"motie van de leden {first} en {second}", (first, second)
        self.references.append(Reference(text, "motie", members=members))
        return text

    def case_number(self, letter: str) -> str:
        """A zaak (``Z``) or document (``D``) number: ``2020Z22028``, ``2020D53500``."""
        year = self.rng.randint(self.day.year - 2, self.day.year)
        text = f"{year}{letter}{self.rng.randint(1, 55_000):05d}"
        kind = "zaak" if letter == "Z" else "document"
        self.references.append(Reference(text, kind, number=text))
        return text

    def handelingen(self) -> str:
        year = self.rng.randint(self.day.year - 3, self.day.year)
        session = f"{year - 1}/{year % 100:02d}"
        number = str(self.rng.randint(1, 105))
        text = f"Handelingen II {session}, nr. {number}"
        self.references.append(Reference(text, "handelingen", number=number, session=session))
        return text


_RawFact = tuple[str, Decimal, str, str | None]
