"""The words facts are made of: scales, currencies, qualifiers, measures, places, as named tables.

Fact extraction is a handful of regular expressions over these tables (:mod:`ontwar.extract.facts`),
so what ontwar recognises is decided here and can be read, and extended, without touching the
logic. Every entry is ordinary Dutch as Kamerbrieven write it; nothing is taken from a real letter.
"""

from __future__ import annotations

from ontwar.letter.vocabulary import MONTHS as MONTH_NAMES


def _words(listing: str) -> tuple[str, ...]:
    """Split a comma-separated listing, so long word tables take a few lines, not dozens."""
    return tuple(word.strip() for word in listing.split(",") if word.strip())


# --- Amounts -------------------------------------------------------------------------------

#: Scale words after a number: ``2,35 miljard`` is 2.35e9. Abbreviations may end in a dot.
SCALES = {
    "biljoen": 1e12,
    "miljard": 1e9,
    "mld": 1e9,
    "mrd": 1e9,
    "miljoen": 1e6,
    "mln": 1e6,
    "duizend": 1e3,
}

SCALE_ABBREVIATIONS = ("mld", "mrd", "mln")
"""Scales written short; their dot belongs to them (``€5 mln.``), not to the sentence."""

#: Currency signs written before the number.
CURRENCY_SIGNS = {"€": "EUR", "US$": "USD", "$": "USD", "£": "GBP", "¥": "JPY"}

#: ISO 4217 codes letters write before or after an amount (``7,2 miljard SEK``).
CURRENCY_CODES = _words(
    "EUR, USD, GBP, NOK, DKK, SEK, ISK, PLN, RON, CHF, CZK, HUF, BGN, TRY, JPY, CNY, CAD, AUD"
)

#: Currency names written after the amount (``1,8 miljard euro``), longest first when matched.
CURRENCY_WORDS = {
    "euro": "EUR",
    "eurocent": "EUR",
    "Amerikaanse dollar": "USD",
    "dollar": "USD",
    "Britse pond": "GBP",
    "pond sterling": "GBP",
    "Noorse kroon": "NOK",
    "Noorse kronen": "NOK",
    "Deense kroon": "DKK",
    "Deense kronen": "DKK",
    "Zweedse kroon": "SEK",
    "Zweedse kronen": "SEK",
    "Zwitserse frank": "CHF",
    "Zwitserse franken": "CHF",
    "zloty": "PLN",
    "Poolse zloty": "PLN",
    "Roemeense lei": "RON",
}

#: Words for "per cent" after the number (besides ``%``).
PERCENT_WORDS = ("procent", "pct.", "percent")
#: A difference of percentages, kept as its own unit ``procentpunt``.
PERCENT_POINT_WORDS = ("procentpunten", "procentpunt")

#: How a letter says "of GDP" after a percentage; the unit becomes ``% BBP``.
GDP_PHRASES = _words(
    "van het bruto binnenlands product, van het bbp, van het BBP, bbp, BBP, van ons bbp, "
    "van ons BBP"
)
GDP_UNIT = "% BBP"

# --- Qualifiers ----------------------------------------------------------------------------

#: Words that hedge or bound an amount, as written directly before it. Longest first, so
#: ``meer dan`` wins over a lone ``dan``; ``tot`` is a bound unless it ends a ``van … tot``.
QUALIFIERS = _words(
    "naar schatting, ten minste, ten hoogste, meer dan, minder dan, ruim meer dan, "
    "bijna, ruim, circa, ca., ongeveer, zo'n, zo’n, rond de, rond, omstreeks, nagenoeg, vrijwel, "
    "tenminste, minstens, minimaal, maximaal, hooguit, hoogstens, krap, tot maximaal, tot wel, "
    "tot, boven de, onder de, bijna, ongeveer"
)

# --- Counting ------------------------------------------------------------------------------

#: Number words up to twelve and the tens; compounds (``vijfentwintig``) are parsed from these.
#: ``een`` is left out: it is far more often the article than the number.
NUMBER_WORDS = {
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
}
TENS_WORDS = {
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
}
#: Units, as in ``eenentwintig`` (een-en-twintig): the part before ``en`` in a compound.
UNIT_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7}
UNIT_WORDS |= {"acht": 8, "negen": 9}
HUNDRED_WORDS = {"honderd": 100, "duizend": 1000}
HALF_WORDS = {"anderhalf": 1.5, "anderhalve": 1.5}

#: Singular units a count may use (``45 kilometer dijk``); otherwise the noun must look plural.
COUNT_UNITS = _words(
    "kilometer, km, meter, hectare, ha, ton, kiloton, megaton, megawatt, gigawatt, MW, GW, "
    "terawattuur, TWh, GWh, MWh, liter, kuub, m3, vierkante meter, man, stuks, personen"
)

#: Words after a number that make it no count: durations, multipliers, dates and grammar.
NOT_COUNTED = frozenset(MONTH_NAMES) | frozenset(
    _words(
        "jaar, jaren, jaarlijks, maand, maanden, week, weken, dag, dagen, uur, uren, minuut, "
        "minuten, seconden, eeuw, eeuwen, decennia, keer, maal, procent, procentpunt, "
        "procentpunten, euro, eurocent, dollar, pond, miljoen, miljard, duizend, honderd, "
        "biljoen, mln, mld, nr, nummer, lid, artikel, en, of, tot, van, "
        "in, op, met, voor, na, naar, bij, uit, om, aan, te, tegen, per, over, door, tussen, "
        "onder, boven, de, het, een, die, dat, dit, deze, er, is, zijn, was, waren, wordt, "
        "worden, werd, werden, heeft, hebben, had, hadden, kan, kunnen, kon, konden, zal, "
        "zullen, zou, zouden, moet, moeten, mag, mogen, wil, willen, gaan, gaat, komen, komt, "
        "blijven, blijft, staan, staat, liggen, ligt, krijgen, krijgt, maken, geven, nemen, "
        "leveren, dragen, zien, hiervan, daarvan, waarvan, ervan, hierin, daarin, wel, niet, "
        "nog, ook, al, alle, allen, beide, elk, elke, ieder, iedere, andere, overige, "
        "resterende, genoemde, eerder, later, hierboven, hieronder, vanaf, sinds, t/m, à, "
        "tot en met, respectievelijk, stuk, plaats, plaatsen, algemeen, eigen, open, gemeen, "
        "tegen, binnen, buiten, boven, beneden, samen, even, alleen, meteen, telkens, steeds, "
        "volgens, tevens, soms, ooit, overigens, namens, anders, eens, later, verder, meer, "
        "minder, bijeen, ergens, nergens, tevens, wegens, hierna, daarna, zodra, indien"
    )
)

#: Adjectives that may stand between a number and its noun (``drie nieuwe fregatten``): these
#: and any word ending in ``e``.
COUNT_ADJECTIVE_ENDING = "e"
COUNT_ADJECTIVES = frozenset(_words("extra, klein, groot, nieuw, oud, goed, aantal"))

# --- Years ---------------------------------------------------------------------------------

#: Words that put an amount in a year (``in 2020``, ``sinds 2013``); they also mark a bare
#: four-digit number as a year rather than a count.
YEAR_WORDS = _words(
    "in, sinds, vanaf, tot, tot en met, t/m, uiterlijk, uiterlijk in, per, na, voor, van, eind, "
    "begin, medio, halverwege, jaar, periode, begrotingsjaar, kalenderjaar, boekjaar, "
    "het jaar, over, rond, eind, najaar, voorjaar, zomer, winter, kabinetsperiode"
)
#: Qualifiers a year may carry as a fact of its own (``tot 2025``): said before the year.
YEAR_QUALIFIERS = _words("uiterlijk in, uiterlijk, sinds, vanaf, tot en met, tot, na, voor, t/m")
#: A year that only serves as the comparison base is nobody's year (``vergeleken met 2017``).
COMPARISON_WORDS = _words("ten opzichte van, t.o.v., vergeleken met, in vergelijking met")
#: Comparison words that must stand right before the year, with at most a few small words
#: between (``meer dan in 2017``, ``bovenop de begroting voor 2018``).
COMPARISON_BEFORE = _words("dan, als, boven, bovenop")
COMPARISON_FILLERS = _words("in, het, de, van, voor, budget, niveau, begroting, dat, dit, jaar")
#: Relative years, resolved against the letter's year: offset from that year.
RELATIVE_YEARS = {
    "dit jaar": 0,
    "het lopende jaar": 0,
    "vorig jaar": -1,
    "vorige jaar": -1,
    "volgend jaar": 1,
    "volgende jaar": 1,
    "komend jaar": 1,
    "komende jaar": 1,
}
#: Years outside this window are not years but other numbers (``2500 EA``, a postcode).
EARLIEST_YEAR = 1900
LATEST_YEAR_AHEAD = 60
"""How far past the letter's year (or 2040 without one) a year may lie (NAVO goals, climate)."""

#: Month names, written out (the letter parser's) and abbreviated.
MONTHS = (
    *MONTH_NAMES,
    *_words("jan., feb., mrt., apr., jun., jul., aug., sep., sept., okt., nov., dec."),
)

# --- Numbers that are no facts -------------------------------------------------------------

#: Words before a number that make it a reference, not a quantity (``nr. 14``, ``Postbus``).
REFERENCE_WORDS = _words(
    "nr., nrs., nummer, nummers, no., artikel, art., lid, Postbus, postbus, pagina, pag., "
    "p., blz., bijlage, Bijlage, hoofdstuk, paragraaf, par., tabel, figuur, versie, fase, "
    "motie, amendement, Handelingen, Aanhangsel, Kamerstuk, Kamerstukken, Stb., Stcrt., "
    "Staatsblad, Staatscourant, punt, onderdeel, categorie, niveau, groep, regel, kamer, "
    "kenmerk, referentie, zaak, dossier, week, weeknummer, code, lijn, route, snelweg"
)

#: Text any parliamentary citation contains (``Kamerstuk``, ``nr.``, ``Handelingen``, ``motie``);
#: a paragraph without any of these (or a zaak number) cites nothing.
CITATION_KEYS = _words("amerstuk, Kst., nr., nrs., nummer, andelingen, anhangsel, otie")

# --- Measures ------------------------------------------------------------------------------

#: Endings of nouns that name what an amount measures (``defensiebudget``, ``zorguitgaven``).
#: A word ending in one of these near the amount, in the same clause, is its measure.
MEASURE_ENDINGS = _words(
    "budget, budgetten, begroting, uitgaven, bijdrage, bijdragen, investering, investeringen, "
    "kosten, raming, subsidie, middelen, tekort, overschot, aandeel, bezettingsgraad, "
    "uitstoot, stijging, daling, groei, ophoging, verhoging, verlaging, toename, afname, "
    "hulp, steun, bekostiging, vermogen, opbrengst, opbrengsten, omzet, inkomsten, schuld, "
    "reserve, fonds, quote, percentage, capaciteit, productie, besparing, bezuiniging, "
    "bezuinigingen, korting, uitkering, vergoeding, premie, heffing, belasting, lasten, "
    "waarde, bedrag, bedragen, doelstelling, norm, groeipad, uitputting, envelop, impuls, "
    "enveloppe, reservering, compensatie, loonkosten, salaris, tarief, prijs, prijzen, "
    "financiering, dekking, export, import, handel, bbp, BBP, realisatie, doel, streefwaarde"
)
#: Words that end like a measure but are none (``ontwikkelingshulp`` is one; ``hulp`` alone too).
NOT_MEASURES = frozenset(_words("prijs, waarde, norm, handel"))

# --- Places and names ----------------------------------------------------------------------

HOME_COUNTRY = "Nederland"
#: Ways of naming the Netherlands: a sentence naming only these is about Nederland, but any
#: other place named next to them is the likelier subject (``… gedetacheerd bij … met Polen``).
HOME_FORMS = _words(
    "Nederland, Nederlandse, Nederlands, Nederlanders, Koninkrijk der Nederlanden, NL, "
    "Caribisch Nederland"
)

#: Countries, each with the adjectives, demonyms and abbreviations that point to it. The first
#: word of each line is the canonical name used as a subject.
COUNTRIES = {
    line.split(":")[0]: _words(line.split(":")[1])
    for line in (
        "België: Belgisch, Belgische, Belgen, Belg",
        "Luxemburg: Luxemburgs, Luxemburgse, Luxemburgers",
        "Duitsland: Duits, Duitse, Duitsers, BRD",
        "Frankrijk: Frans, Franse, Fransen",
        "Verenigd Koninkrijk: Brits, Britse, Britten, VK, Groot-Brittannië, Engeland, Engelse",
        "Verenigde Staten: Amerikaans, Amerikaanse, Amerikanen, VS, Verenigde Staten van Amerika",
        "Noorwegen: Noors, Noorse, Noren",
        "Denemarken: Deens, Deense, Denen",
        "Zweden: Zweeds, Zweedse, Zweden",
        "Finland: Fins, Finse, Finnen",
        "IJsland: IJslands, IJslandse",
        "Polen: Pools, Poolse",
        "Estland: Ests, Estse, Estlands, Estlandse, Esten",
        "Letland: Lets, Letse, Letlands, Letlandse, Letten",
        "Litouwen: Litouws, Litouwse, Litouwers",
        "Italië: Italiaans, Italiaanse, Italianen",
        "Spanje: Spaans, Spaanse, Spanjaarden",
        "Portugal: Portugees, Portugese",
        "Griekenland: Grieks, Griekse, Grieken",
        "Roemenië: Roemeens, Roemeense, Roemenen",
        "Bulgarije: Bulgaars, Bulgaarse",
        "Hongarije: Hongaars, Hongaarse",
        "Tsjechië: Tsjechisch, Tsjechische, Tsjechen",
        "Slowakije: Slowaaks, Slowaakse",
        "Slovenië: Sloveens, Sloveense",
        "Kroatië: Kroatisch, Kroatische",
        "Oostenrijk: Oostenrijks, Oostenrijkse",
        "Zwitserland: Zwitsers, Zwitserse",
        "Ierland: Iers, Ierse",
        "Malta: Maltees, Maltese",
        "Cyprus: Cypriotisch, Cypriotische",
        "Turkije: Turks, Turkse",
        "Oekraïne: Oekraïens, Oekraïense, Oekraïners",
        "Rusland: Russisch, Russische, Russen, Russische Federatie",
        "Belarus: Belarussisch, Belarussische, Wit-Rusland",
        "Moldavië: Moldavisch, Moldavische",
        "Georgië: Georgisch, Georgische",
        "Servië: Servisch, Servische",
        "Bosnië en Herzegovina: Bosnisch, Bosnische, Bosnië-Herzegovina",
        "Albanië: Albanees, Albanese",
        "Noord-Macedonië: Noord-Macedonisch, Noord-Macedonische",
        "Montenegro: Montenegrijns, Montenegrijnse",
        "Kosovo: Kosovaars, Kosovaarse",
        "Canada: Canadees, Canadese",
        "Mexico: Mexicaans, Mexicaanse",
        "Brazilië: Braziliaans, Braziliaanse",
        "Argentinië: Argentijns, Argentijnse",
        "Colombia: Colombiaans, Colombiaanse",
        "Venezuela: Venezolaans, Venezolaanse",
        "Suriname: Surinaams, Surinaamse",
        "China: Chinees, Chinese",
        "Japan: Japans, Japanse",
        "Zuid-Korea: Zuid-Koreaans, Zuid-Koreaanse",
        "Noord-Korea: Noord-Koreaans, Noord-Koreaanse",
        "India: Indiaas, Indiase",
        "Pakistan: Pakistaans, Pakistaanse",
        "Bangladesh: Bengaals, Bengaalse, Bangladeshi",
        "Indonesië: Indonesisch, Indonesische",
        "Australië: Australisch, Australische",
        "Nieuw-Zeeland: Nieuw-Zeelands, Nieuw-Zeelandse",
        "Afghanistan: Afghaans, Afghaanse",
        "Irak: Iraaks, Iraakse",
        "Iran: Iraans, Iraanse",
        "Syrië: Syrisch, Syrische",
        "Libanon: Libanees, Libanese",
        "Jordanië: Jordaans, Jordaanse",
        "Israël: Israëlisch, Israëlische",
        "Palestijnse Gebieden: Palestijns, Palestijnse",
        "Egypte: Egyptisch, Egyptische",
        "Saoedi-Arabië: Saoedisch, Saoedische",
        "Jemen: Jemenitisch, Jemenitische",
        "Qatar: Qatarees, Qatarese",
        "Koeweit: Koeweits, Koeweitse",
        "Marokko: Marokkaans, Marokkaanse",
        "Algerije: Algerijns, Algerijnse",
        "Tunesië: Tunesisch, Tunesische",
        "Libië: Libisch, Libische",
        "Mali: Malinees, Malinese",
        "Niger: Nigerees, Nigerese",
        "Nigeria: Nigeriaans, Nigeriaanse",
        "Burkina Faso: Burkinees, Burkinese",
        "Senegal: Senegalees, Senegalese",
        "Ghana: Ghanees, Ghanese",
        "Benin: Beninees, Beninese",
        "Tsjaad: Tsjadisch, Tsjadische",
        "Soedan: Soedanees, Soedanese",
        "Zuid-Soedan: Zuid-Soedanees, Zuid-Soedanese",
        "Ethiopië: Ethiopisch, Ethiopische",
        "Eritrea: Eritrees, Eritrese",
        "Somalië: Somalisch, Somalische",
        "Kenia: Keniaans, Keniaanse",
        "Oeganda: Oegandees, Oegandese",
        "Rwanda: Rwandees, Rwandese",
        "Burundi: Burundees, Burundese",
        "Tanzania: Tanzaniaans, Tanzaniaanse",
        "Mozambique: Mozambikaans, Mozambikaanse",
        "Zuid-Afrika: Zuid-Afrikaans, Zuid-Afrikaanse",
        "Congo: Congolees, Congolese, DRC",
        "Centraal-Afrikaanse Republiek: CAR",
        "Zimbabwe: Zimbabwaans, Zimbabwaanse",
        "Zambia: Zambiaans, Zambiaanse",
        "Malawi: Malawisch, Malawische",
        "Vietnam: Vietnamees, Vietnamese",
        "Myanmar: Myanmarees, Myanmarese",
        "Filipijnen: Filipijns, Filipijnse",
        "Thailand: Thais, Thaise",
        "Singapore: Singaporees, Singaporese",
        "Taiwan: Taiwanees, Taiwanese",
        "Kazachstan: Kazachs, Kazachse",
        "Armenië: Armeens, Armeense",
        "Azerbeidzjan: Azerbeidzjaans, Azerbeidzjaanse",
        "Aruba: Arubaans, Arubaanse",
        "Curaçao: Curaçaos, Curaçaose",
        "Sint Maarten: Sint-Maarten",
    )
}

#: Dutch provinces, regions and large cities; other places are found as capitalised names.
DUTCH_PLACES = _words(
    "Groningen, Fryslân, Friesland, Drenthe, Overijssel, Flevoland, Gelderland, Utrecht, "
    "Noord-Holland, Zuid-Holland, Zeeland, Noord-Brabant, Limburg, Randstad, Twente, "
    "Achterhoek, Veluwe, Betuwe, Rivierenland, Zuid-Limburg, Noord-Limburg, Midden-Limburg, "
    "Noord-Nederland, Oost-Nederland, West-Brabant, Oost-Brabant, Midden-Brabant, Haaglanden, "
    "Rijnmond, Rotterdam-Rijnmond, Drechtsteden, Waddengebied, Waddenzee, IJsselmeergebied, "
    "Amsterdam, Rotterdam, Den Haag, Utrecht, Eindhoven, Tilburg, Almere, Breda, Nijmegen, "
    "Arnhem, Haarlem, Enschede, Apeldoorn, Zwolle, Leeuwarden, Maastricht, Dordrecht, "
    "Den Helder, Delfzijl, Kampen, Bonaire, Sint Eustatius, Saba"
)
#: Regions beyond one country that letters treat as a subject of their own.
WORLD_REGIONS = _words(
    "Sahel, Hoorn van Afrika, Grote Meren, Balkan, Westelijke Balkan, Baltische staten, "
    "Caribisch gebied, Midden-Oosten, Noord-Afrika, West-Afrika, Oost-Afrika, Arctis, "
    "Noordpoolgebied, Indo-Pacific, Europa, Afrika, Azië"
)

#: Capitalised words that are no subject: forms of address, institutions of the sender's own
#: government and words that are capitalised only because they open a sentence or heading.
NOT_NAMES = frozenset(
    _words(
        "Kamer, Tweede Kamer, Eerste Kamer, Staten-Generaal, Uw Kamer, Rijk, Kabinet, "
        "Minister, Ministerie, Staatssecretaris, Hoogachtend, Voorzitter, Regering, Defensie, "
        "Koninkrijk, Raad, Commissie, Bijlage, Kamerstuk, Kamerstukken, Handelingen, "
        "Aanhangsel, Betreft, Datum, Pagina, Ik, U, Uw, Hierbij, Graag, Zoals, Met, Voor, Van, "
        "In, Op, Bij, Na, Naar, Uit, Over, Door, Tot, Sinds, Vanaf, Om, Als, Ook, Zo, Dat, Dit, "
        "Deze, Die, De, Het, Een, Er, Daarnaast, Daarmee, Daarom, Daarbij, Hiermee, Hierin, "
        "Verder, Voorts, Tevens, Bovendien, Eerder, Inmiddels, Tot slot, Tenslotte, Ten slotte, "
        "Samen, Beide, Alle, Elke, Iedere, Wel, Niet, Nog, Maar, En, Of, Want, Omdat, Wanneer, "
        "Indien, Waar, Wat, Wie, Hoe, Welke, Zij, Hij, We, Wij, Ons, Onze, Mijn, Hun, Haar, "
        "Gezien, Gelet, Ondanks, Tijdens, Vanwege, Middels, Conform, Volgens, Binnen, Buiten, "
        "Tussen, Onder, Boven, Na afloop, Vervolg, Vervolgstappen, Inleiding, Conclusie, "
        "Tot slot, Samenvatting, Financiën, Motie, Regio, Provincie, Gemeente, Waterschap, "
        "Staat, Nationaal, Landelijk, Europees, Europese, Internationale, Internationaal, BBP, "
        "Bbp"
    )
)
#: Endings of names of instruments rather than subjects: programmes, funds, schemes, plans,
#: agreements, laws and strategies (``Warmtefonds``, ``Hoogwaterbeschermingsprogramma``).
INSTRUMENT_ENDINGS = _words(
    "programma, Programma, fonds, Fonds, regeling, Regeling, plan, Plan, akkoord, Akkoord, "
    "wet, Wet, agenda, Agenda, strategie, Strategie, Strategieën, impuls, Impuls, pact, Pact, "
    "Alliance, Alliantie, initiatief, Initiative, Fund, Programme, Facility, Faciliteit, "
    "verdrag, Verdrag, nota, Nota, visie, Visie, begroting, Begroting, besluit, Besluit, "
    "kader, Kader"
)
#: Institutions whose names hold small words; they rank as organisations, below places.
INSTITUTIONS = _words(
    "Raad van State, Raad van Europa, Hof van Justitie, Hof van Justitie van de Europese Unie, "
    "Raad van Ministers, Raad van de Europese Unie, Bank voor Internationale Betalingen, "
    "Kamer van Koophandel, Raad voor de rechtspraak, Autoriteit Consument en Markt"
)
#: Words before a capitalised name that make it a person, not a subject (``motie Van Dijk``).
PERSON_MARKERS = _words("motie, motie-, lid, leden, heer, mevrouw, minister, staatssecretaris")

# --- Sentences -----------------------------------------------------------------------------

#: Abbreviations whose dot ends no sentence (``ca. €5 mln.``, ``nr. 3``, ``mr. drs.``).
ABBREVIATIONS = frozenset(
    _words(
        "nr., nrs., o.a., ca., bijv., bv., d.w.z., m.b.t., t.a.v., i.v.m., e.d., e.a., jl., "
        "art., blz., p., pag., par., mr., drs., dr., ir., ing., prof., dhr., mevr., mw., "
        "mld., mln., mrd., resp., incl., excl., max., min., vs., zgn., st., stb., stcrt., no., "
        "evt., ivm., mbt., tav., vgl., zie., red., ong., gem., mio., fig., tab."
    )
)
#: Sentence openings that continue the previous sentence's subject and year
#: (``Dat is 1,7% van het bbp``).
ANAPHORIC_OPENINGS = _words(
    "Dat, Dit, Daarmee, Hiermee, Daarvan, Hiervan, Daardoor, Hierdoor, Het betreft, "
    "Het betrof, Het gaat, Het ging, In totaal"
)
