"""Places named in the records: countries, cities and regions; our own gazetteer.

One line per place: `Name | other names | adjectives`, names separated by semicolons.
Adjectives and demonyms ("Soviet", "Siberian") count as mentions of the place: "Siberian
resources" names Siberia.
"""

# ruff: noqa: E501  (one record per line reads better than wrapped records)

COUNTRIES = """
United States | United States of America; U.S.; USA; US; U.S.A. | American; Americans
USSR | Soviet Union; U.S.S.R.; Union of Soviet Socialist Republics | Soviet; Soviets
Russia | Russian Federation | Russian; Russians
Japan |  | Japanese
China | People's Republic of China; PRC; Communist China; Red China; Mainland China | Chinese
Taiwan | Republic of China; Formosa | Taiwanese
Cuba | Republic of Cuba | Cuban; Cubans
Mexico |  | Mexican; Mexicans
Canada |  | Canadian; Canadians
United Kingdom | Great Britain; Britain; UK; U.K.; England | British
France |  | French
Germany |  | German; Germans
West Germany | Federal Republic of Germany; FRG | West German; West Germans
East Germany | German Democratic Republic; GDR | East German; East Germans
Italy |  | Italian; Italians
Spain |  | Spanish
Portugal |  | Portuguese
Netherlands | Holland | Dutch
Belgium |  | Belgian
Luxembourg |  |
Switzerland |  | Swiss
Austria |  | Austrian
Sweden |  | Swedish
Norway |  | Norwegian
Denmark |  | Danish
Finland |  | Finnish
Iceland |  | Icelandic
Ireland |  | Irish
Greece |  | Greek
Turkey |  | Turkish
Cyprus |  | Cypriot
Poland |  | Polish; Poles
Czechoslovakia |  | Czechoslovak
Czech Republic |  | Czech
Hungary |  | Hungarian; Hungarians
Romania | Rumania | Romanian; Rumanian
Bulgaria |  | Bulgarian
Albania |  | Albanian; Albanians
Yugoslavia |  | Yugoslav; Yugoslavs
Federal Republic of Yugoslavia | FRY |
Bosnia and Herzegovina | Bosnia-Herzegovina; Bosnia | Bosnian; Bosnians
Serbia |  | Serbian
Croatia |  | Croatian
Slovenia |  | Slovenian; Slovene
Macedonia |  | Macedonian
Montenegro |  | Montenegrin
Ukraine | the Ukraine | Ukrainian
Belarus | Byelorussia | Belorussian
Lithuania |  | Lithuanian
Latvia |  | Latvian
Estonia |  | Estonian
Israel |  | Israeli; Israelis
Egypt | United Arab Republic | Egyptian; Egyptians
Syria |  | Syrian
Lebanon |  | Lebanese
Jordan |  | Jordanian
Iraq |  | Iraqi
Iran | Persia | Iranian
Saudi Arabia |  | Saudi
Kuwait |  | Kuwaiti
Yemen |  | Yemeni
Libya |  | Libyan
Algeria |  | Algerian
Morocco |  | Moroccan
Tunisia |  | Tunisian
Ethiopia |  | Ethiopian
Somalia |  | Somali
Sudan |  | Sudanese
Congo | Zaire | Congolese
Angola |  | Angolan
Mozambique |  |
South Africa |  | South African
Rhodesia | Zimbabwe | Rhodesian
Nigeria |  | Nigerian
Ghana |  | Ghanaian
Kenya |  | Kenyan
Afghanistan |  | Afghan; Afghans
Pakistan |  | Pakistani; Pakistanis
India |  | Indian
Bangladesh | East Pakistan |
Sri Lanka | Ceylon |
Nepal |  |
Burma | Myanmar | Burmese
Thailand | Siam | Thai
Laos |  | Laotian
Cambodia | Kampuchea | Cambodian
Vietnam | Viet Nam | Vietnamese
North Vietnam | Democratic Republic of Vietnam | North Vietnamese
South Vietnam | Republic of Vietnam | South Vietnamese
Korea |  | Korean; Koreans
North Korea | DPRK | North Korean
South Korea | Republic of Korea; ROK | South Korean
Mongolia |  | Mongolian
Philippines |  | Philippine; Filipino
Indonesia |  | Indonesian
Malaysia | Malaya | Malaysian
Singapore |  |
Australia |  | Australian
New Zealand |  |
Brazil |  | Brazilian
Argentina |  | Argentine; Argentinian
Chile |  | Chilean
Peru |  | Peruvian
Bolivia |  | Bolivian
Colombia |  | Colombian
Venezuela |  | Venezuelan
Ecuador |  | Ecuadorian; Ecuadoran
Uruguay |  | Uruguayan
Paraguay |  | Paraguayan
Guatemala |  | Guatemalan
Honduras |  | Honduran
El Salvador |  | Salvadoran
Nicaragua |  | Nicaraguan
Costa Rica |  | Costa Rican
Panama |  | Panamanian
Dominican Republic |  | Dominican
Haiti |  | Haitian
Jamaica |  | Jamaican
Puerto Rico |  | Puerto Rican
"""

CITIES = """
Washington, D.C. | Washington; Washington D.C.; Washington, D. C. |
New York City | New York; NYC |
Moscow |  |
Tokyo |  |
Beijing | Peking; Peiping |
Havana | Habana |
Mexico City |  |
London |  |
Paris |  |
Berlin |  | Berliner
Bonn |  |
Rome |  |
Vienna |  |
Geneva |  |
Brussels |  |
Warsaw |  |
Prague |  |
Budapest |  |
Belgrade |  |
Sarajevo |  |
Zagreb |  |
Pale |  |
Srebrenica |  |
Gorazde | Goražde |
Zepa | Žepa |
Bihac | Bihać |
Tuzla |  |
Mostar |  |
Reykjavik | Reykjavík |
Helsinki |  |
Stockholm |  |
Oslo |  |
Copenhagen |  |
Madrid |  |
Lisbon |  |
Athens |  |
Ankara |  |
Istanbul |  |
Cairo |  |
Tel Aviv |  |
Jerusalem |  |
Damascus |  |
Beirut |  |
Baghdad |  |
Tehran | Teheran |
Riyadh |  |
Kabul |  |
Islamabad |  |
Karachi |  |
New Delhi | Delhi |
Saigon |  |
Hanoi |  |
Seoul |  |
Manila |  |
Jakarta | Djakarta |
Bangkok |  |
Vientiane |  |
Phnom Penh |  |
Hong Kong |  |
Caracas |  |
Bogota | Bogotá |
Lima |  |
Santiago |  |
Buenos Aires |  |
Rio de Janeiro |  |
Brasilia |  |
Montevideo |  |
Guatemala City |  |
Managua |  |
San Salvador |  |
Tegucigalpa |  |
Panama City |  |
Santo Domingo |  |
Port-au-Prince |  |
Kingston |  |
San Juan |  |
Ottawa |  |
Montreal |  |
Dallas |  |
Fort Worth |  |
Houston |  |
Austin |  |
New Orleans |  |
Miami |  |
Key West |  |
Tampa |  |
Chicago |  |
Los Angeles |  |
San Francisco |  |
Boston |  |
Philadelphia |  |
Pittsburgh |  |
Baltimore |  |
Detroit |  |
Atlanta |  |
Langley |  |
"""

REGIONS = """
Siberia |  | Siberian
Sakhalin | Sakhalin Island |
Kuril Islands | Kurile Islands; Kurils; Kuriles; Northern Territories |
Soviet Far East |  |
Central Asia |  | Central Asian
Eastern Europe |  | East European; Eastern European
Western Europe |  | West European; Western European
Europe |  | European; Europeans
Asia |  | Asian
Middle East | Near East | Middle Eastern
Persian Gulf | the Gulf |
Latin America |  | Latin American
Central America |  | Central American
South America |  | South American
Caribbean |  |
Africa |  | African
Southeast Asia |  | Southeast Asian
South Asia |  | South Asian
Northeast Asia |  |
Indochina |  |
Kashmir |  | Kashmiri
Punjab |  |
Balkans | the Balkans | Balkan
Kosovo |  |
Krajina |  |
Slavonia |  |
Baltic states | Baltics | Baltic
Bay of Pigs | Playa Giron |
Texas |  |
Florida |  |
Louisiana |  |
California |  |
Virginia |  |
Maryland |  |
Pennsylvania |  |
Ohio |  |
Illinois |  |
Massachusetts |  |
"""
