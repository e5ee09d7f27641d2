"""Names of the units that write documents: FBI field offices, CIA stations and components,
State posts and bureaus. Plain data, read by `originators`; a unit missing here is one line.

Only names the documents themselves spell out are listed: the FBI's two-letter office codes as
they prefix its file numbers ("DL 92-292") and stand in NARA's catalogue ("SAC, MM"), the cable
cite designators of CIA stations ("CITE MEXI 6902"), and office symbols ("C/WH/4", "OS", "INR").
"""

FBI_FIELD_OFFICES = {
    "AL": "Albany", "AQ": "Albuquerque", "AX": "Alexandria", "AN": "Anchorage",
    "AT": "Atlanta", "BA": "Baltimore", "BH": "Birmingham", "BS": "Boston", "BU": "Buffalo",
    "BT": "Butte", "CE": "Charlotte", "CG": "Chicago", "CI": "Cincinnati", "CV": "Cleveland",
    "CO": "Columbia", "DL": "Dallas", "DN": "Denver", "DE": "Detroit", "EP": "El Paso",
    "HN": "Honolulu", "HO": "Houston", "IP": "Indianapolis", "JN": "Jackson",
    "JK": "Jacksonville", "KC": "Kansas City", "KX": "Knoxville", "LV": "Las Vegas",
    "LR": "Little Rock", "LA": "Los Angeles", "LS": "Louisville", "ME": "Memphis",
    "MM": "Miami", "MI": "Milwaukee", "MP": "Minneapolis", "MO": "Mobile", "NK": "Newark",
    "NH": "New Haven", "NO": "New Orleans", "NY": "New York", "NF": "Norfolk",
    "OC": "Oklahoma City", "OM": "Omaha", "PH": "Philadelphia", "PX": "Phoenix",
    "PG": "Pittsburgh", "PD": "Portland", "RH": "Richmond", "SC": "Sacramento",
    "SL": "St. Louis", "SU": "Salt Lake City", "SA": "San Antonio", "SD": "San Diego",
    "SF": "San Francisco", "SJ": "San Juan", "SV": "Savannah", "SE": "Seattle",
    "SI": "Springfield", "TP": "Tampa", "WFO": "Washington Field Office",
    "WMFO": "Washington Field Office",  # the Washington Metropolitan Field Office, NARA's code
}  # fmt: skip
# FBI legal attachés as NARA's catalogue codes them in a form's FROM and TO ("LEG, MX").
FBI_LEGATS = {
    "MX": "Mexico City", "PA": "Paris", "BR": "Bern", "OT": "Ottawa", "CAR": "Caracas",
}  # fmt: skip
FBI_CITIES = {city.upper(): city for city in FBI_FIELD_OFFICES.values()} | {
    "WASHINGTON FIELD": "Washington Field Office",
    "WASHINGTON FIELD OFFICE": "Washington Field Office",
    "WFO": "Washington Field Office",
    "PHILA": "Philadelphia",
    "PITTSBURG": "Pittsburgh",
    "NEWYORK": "New York",
    "NEW YORK CITY": "New York",
    "SAINT LOUIS": "St. Louis",
    "ST LOUIS": "St. Louis",
}
# Cable cite designators of CIA stations and bases, as in "CITE MEXI 6902" or "DIR INFO WAVE".
CIA_STATIONS = {
    "MEXI": "Mexico City", "WAVE": "JMWAVE (Miami)", "PARI": "Paris", "LOND": "London",
    "MADR": "Madrid", "ROME": "Rome", "BONN": "Bonn", "BERL": "Berlin", "FRAN": "Frankfurt",
    "VIEN": "Vienna", "GENE": "Geneva", "GNVA": "Geneva", "BERN": "Bern", "HAGU": "The Hague",
    "BRUS": "Brussels", "STOC": "Stockholm", "OSLO": "Oslo", "COPE": "Copenhagen",
    "HELS": "Helsinki", "MOSC": "Moscow", "TOKY": "Tokyo", "SAIG": "Saigon",
    "CARA": "Caracas", "BOGO": "Bogota", "LIMA": "Lima", "SANT": "Santiago",
    "BUEN": "Buenos Aires", "MONT": "Montevideo", "RIOD": "Rio de Janeiro",
    "SAOP": "Sao Paulo", "PANA": "Panama City", "GUAT": "Guatemala City", "KING": "Kingston",
    "OTTA": "Ottawa", "ATHE": "Athens", "ANKA": "Ankara", "BEIR": "Beirut", "CAIR": "Cairo",
    "TELA": "Tel Aviv", "NEWD": "New Delhi", "MANI": "Manila", "HAVA": "Havana",
}  # fmt: skip
# CIA components by their symbols ("C/WH/4", "Chief, SR Division", "CI Staff").
CIA_COMPONENTS = {
    "WH": "Western Hemisphere Division", "WHD": "Western Hemisphere Division",
    "SR": "Soviet Russia Division",
    "SB": "Soviet Bloc Division", "EE": "Eastern Europe Division",
    "WE": "Western Europe Division", "FE": "Far East Division", "NE": "Near East Division",
    "AF": "Africa Division", "LA": "Latin America Division", "EUR": "Europe Division",
    "EA": "East Asia Division", "CI": "Counterintelligence Staff", "CA": "Covert Action Staff",
    "FI": "Foreign Intelligence Staff", "SAS": "Special Affairs Staff", "TFW": "Task Force W",
    "OS": "Office of Security", "OGC": "Office of General Counsel",
    "OLC": "Office of Legislative Counsel", "IG": "Office of the Inspector General",
    "DCD": "Domestic Contact Division", "DOD": "Domestic Operations Division",
    "TSD": "Technical Services Division", "OTS": "Office of Technical Service",
    "SSD": "Security Support Division", "PSD": "Personnel Security Division",
    "RID": "Records Integration Division", "HRG": "Historical Review Group",
    "OCI": "Office of Current Intelligence", "ORR": "Office of Research and Reports",
    "ONE": "Office of National Estimates", "OCR": "Office of Central Reference",
    "OSR": "Office of Strategic Research", "OER": "Office of Economic Research",
    "CSI": "Center for the Study of Intelligence", "OPS": "Office of Operations",
    "CSCI": "Counterintelligence Staff", "DDO": "Directorate of Operations",
    "DDP": "Directorate of Plans", "SRS": "Security Research Staff",
    "SE": "Soviet/East European Division", "LAD": "Latin America Division",
    "CCS": "Central Cover Staff", "PCS": "Policy and Coordination Staff",
}  # fmt: skip
# CIA officers whose title is their office's name ("General Counsel", "the Inspector General").
CIA_TITLED_OFFICES = {
    "GENERAL COUNSEL": "Office of General Counsel",
    "LEGISLATIVE COUNSEL": "Office of Legislative Counsel",
    "INSPECTOR GENERAL": "Office of the Inspector General",
}
CIA_DIRECTORATES = {
    "DDP": "Directorate of Plans", "DD/P": "Directorate of Plans",
    "DDO": "Directorate of Operations", "DD/O": "Directorate of Operations",
    "DDI": "Directorate of Intelligence", "DD/I": "Directorate of Intelligence",
    "DDS": "Directorate of Support", "DD/S": "Directorate of Support",
    "DDA": "Directorate of Administration", "DD/A": "Directorate of Administration",
    "DDS&T": "Directorate of Science and Technology",
}  # fmt: skip
STATE_BUREAUS = {
    "INR": "Bureau of Intelligence and Research", "S/S": "Executive Secretariat",
    "S/P": "Policy Planning Staff", "EUR": "Bureau of European Affairs",
    "ARA": "Bureau of Inter-American Affairs", "PM": "Bureau of Politico-Military Affairs",
    "SCA": "Bureau of Security and Consular Affairs", "L": "Office of the Legal Adviser",
    "H": "Bureau of Congressional Relations", "PA": "Bureau of Public Affairs",
    "AF": "Bureau of African Affairs", "EAP": "Bureau of East Asian and Pacific Affairs",
    "NEA": "Bureau of Near Eastern and South Asian Affairs",
    "IO": "Bureau of International Organization Affairs",
}  # fmt: skip
