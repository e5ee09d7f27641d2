"""Lists where lists exist: FBI field offices, CIA cryptonyms and offices, Cuban exile groups,
State Department bureaus, each with its source and era; read like data_orgs (`Name | other
names`), plus the kind where it is not an organisation.

Sources, named once per block:
- FBI field offices: the FBI's own history of its field offices (fbi.gov, "Field Office
  History"), the offices of the 1960s, with the two-letter file prefixes of their files.
- CIA cryptonyms: the CIA's documents released under the JFK Assassination Records Collection
  Act (1992), as glossed by the Assassination Records Review Board's final report (1998) and
  the Mary Ferrell Foundation's cryptonym list; checked against this corpus' memos.
- CIA offices: the CIA's organisation charts of 1950-1995 as printed in the Church Committee
  report (1976, book I) and the CIA's released office symbols (DD/P, OTS, TSD ...).
- Cuban exile groups: House Select Committee on Assassinations, report volume X (1979),
  "Anti-Castro Activities and Organizations".
- State bureaus: the Department of State's organisation (Office of the Historian,
  "Principal Officers and Chiefs of Mission", bureau histories).
"""

# ruff: noqa: E501  (one record per line reads better than wrapped records)

# Field offices of the 1960s (Alexandria and Columbia came later; kept, they are named later).
FBI_OFFICES = """
Albany; Albuquerque; Alexandria; Anchorage; Atlanta; Baltimore; Birmingham; Boston; Buffalo;
Butte; Charlotte; Chicago; Cincinnati; Cleveland; Columbia; Dallas; Denver; Detroit; El Paso;
Honolulu; Houston; Indianapolis; Jackson; Jacksonville; Kansas City; Knoxville; Las Vegas;
Little Rock; Los Angeles; Louisville; Memphis; Miami; Milwaukee; Minneapolis; Mobile; Newark;
New Haven; New Orleans; New York; Norfolk; Oklahoma City; Omaha; Philadelphia; Phoenix;
Pittsburgh; Portland; Richmond; St. Louis; Salt Lake City; San Antonio; San Diego;
San Francisco; San Juan; Savannah; Seattle; Springfield; Tampa; Washington Field
"""

# Cryptonyms: `Name | other names | kind | what it stood for, years`.
CRYPTONYMS = """
JMWAVE | WAVE Station | organization | CIA station in Miami, 1961-1968
JMATE |  | organization | CIA Cuba task force programme, 1960-1961
JMASH |  | organization | CIA Cuban paramilitary programme, 1961
AMLASH |  | organization | CIA operation with Rolando Cubela, 1961-1965
AMTRUNK |  | organization | CIA operation to find dissidents in the Cuban military, 1963-1966
AMWORLD |  | organization | CIA programme backing Cuban exile leaders in Central America, 1963-1965
AMOT |  | organization | CIA-run Cuban exile intelligence service, 1960-1976
AMSPELL |  | organization | Revolutionary Student Directorate (DRE) as a CIA project, 1960-1966
AMBUD |  | organization | Cuban Revolutionary Council as a CIA project, 1961-1963
LITEMPO |  | organization | CIA liaison programme with Mexican officials, 1960-1969
LIENVOY |  | organization | CIA and Mexican telephone tap operation in Mexico City, 1961-1970
LIONION |  | organization | CIA photo surveillance of the Cuban embassy in Mexico City, 1962-1967
LIERODE |  | organization | CIA photo surveillance of the Cuban embassy in Mexico City, 1963
LIEMPTY |  | organization | CIA photo surveillance of the Soviet embassy in Mexico City, 1961-1967
ZRRIFLE |  | organization | CIA executive action programme, 1961-1962
MONGOOSE | Operation Mongoose | organization | covert action programme against Cuba, 1961-1963
HTLINGUAL |  | organization | CIA mail opening programme, 1952-1973
CHAOS | MHCHAOS | organization | CIA domestic surveillance programme, 1967-1974
ODYOKE |  | organization | the United States government, 1950-1975
PBPRIME |  | place | the United States, 1950-1975
"""

# Cryptonyms that name entities of the gazetteer: added to their forms (gazetteer.py).
CRYPTONYM_FORMS = {
    "Central Intelligence Agency": ("KUBARK", "KUBARK Headquarters"),
    "Federal Bureau of Investigation": ("ODENVY",),
    "Department of State": ("ODACID",),
    "Immigration and Naturalization Service": ("ODURGE",),
}

CIA_OFFICES = """
Special Affairs Staff | SAS
Technical Services Division | TSD; Technical Services Staff; TSS
Office of Technical Service | OTS
Counterintelligence Staff | CI Staff; Counter Intelligence Staff
Office of Security | CIA Office of Security
Office of General Counsel | OGC
Office of Legislative Counsel | OLC
Office of Current Intelligence | OCI
Domestic Contact Division | DCD; Domestic Contact Service
Western Hemisphere Division | WH Division; WH Div; WHD; Western Hemisphere Division
Soviet Russia Division | SR Division; SR Div
Foreign Intelligence Staff | FI Staff
Directorate for Administration | DDA; Directorate of Administration; Directorate of Support; DDS
Directorate of Science and Technology | DDS&T; DS&T
Information Management Division | IMD
Historical Review Group | HRG
Information Systems Analysis Staff | ISAS
Records Administration Branch | RAB
Classification Review Division | CRD
Information Services Staff | ISS
"""

EXILE_GROUPS = """
Junta Revolucionaria Cubana | JURE; Cuban Revolutionary Junta
Movimiento de Recuperacion Revolucionaria | MRR; Movimiento de Recuperación Revolucionaria; Movement for Revolutionary Recovery
Movimiento Insurreccional de Recuperacion Revolucionaria | MIRR
Second National Front of the Escambray | SNFE; Segundo Frente Nacional del Escambray; Second Front of the Escambray
Commandos L | Comandos L
30th of November Movement | 30 November Movement; Movimiento 30 de Noviembre
Cuban Revolutionary Council | CRC; Consejo Revolucionario Cubano
Frente Revolucionario Democratico | FRD; Frente Revolucionario Democrático; Democratic Revolutionary Front
Movimiento Revolucionario del Pueblo | MRP; People's Revolutionary Movement
Movimiento Democrata Cristiano | MDC; Christian Democratic Movement
Brigade 2506 | Brigada 2506; Assault Brigade 2506
Interpen | Intercontinental Penetration Force
"""

STATE_BUREAUS = """
Bureau of African Affairs | African Affairs Bureau
Bureau of Inter-American Affairs | ARA; Bureau of American Republics Affairs
Bureau of European Affairs | EUR; European Bureau; Bureau of European and Canadian Affairs
Bureau of East Asian and Pacific Affairs | Bureau of Far Eastern Affairs; East Asian Bureau
Bureau of Near Eastern and South Asian Affairs | NEA; Bureau of Near Eastern Affairs
Bureau of International Organization Affairs | International Organization Affairs
Bureau of Public Affairs | Public Affairs Bureau
Bureau of Politico-Military Affairs | Politico-Military Affairs Bureau
Bureau of Consular Affairs | Consular Affairs Bureau
Executive Secretariat |
Policy Planning Staff | Policy Planning Council
"""
