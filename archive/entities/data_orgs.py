"""Organisations named in the records: agencies, committees, alliances; our own gazetteer.

One line per organisation: `Name | other names`, names separated by semicolons.
"""

# ruff: noqa: E501  (one record per line reads better than wrapped records)

ORGANIZATIONS = """
# United States government
Central Intelligence Agency | CIA; C.I.A.
Federal Bureau of Investigation | FBI; F.B.I.
National Security Agency | NSA
National Security Council | NSC
Department of State | State Department; DOS
Department of Defense | Defense Department; DOD; DoD; Pentagon; the Pentagon
Department of Justice | Justice Department
Department of the Treasury | Treasury Department
Department of Commerce | Commerce Department
Joint Chiefs of Staff | JCS
Office of the Vice President | OVP; Vice President's Office; Vice President’s Office
Office of the Secretary of Defense | OSD
United States Mission to the United Nations | USUN; U.S. Mission to the United Nations; US Mission to the UN; Office of the Representative of the United States to the United Nations
United States Mission to NATO | USNATO
United States European Command | EUCOM; USEUCOM; European Command
Defense Intelligence Agency | DIA
United States Information Agency | USIA
Agency for International Development | AID; USAID
Arms Control and Disarmament Agency | ACDA
Secret Service | United States Secret Service; U.S. Secret Service
Immigration and Naturalization Service | INS
White House | the White House
Congress | United States Congress; U.S. Congress
Senate | United States Senate; U.S. Senate
House of Representatives | U.S. House of Representatives
Warren Commission | President's Commission on the Assassination of President Kennedy
House Select Committee on Assassinations | HSCA
Church Committee | Senate Select Committee to Study Governmental Operations with Respect to Intelligence Activities
Rockefeller Commission | Commission on CIA Activities within the United States
Assassination Records Review Board | ARRB
National Archives | National Archives and Records Administration; NARA
Office of the Historian | Historical Office
Advisory Committee on Historical Diplomatic Documentation | HAC
Directorate of Intelligence | DDI
Directorate of Operations | Directorate of Plans; DDO; DDP
Office of East Asian Analysis | OEA
Office of Soviet Analysis | SOVA
National Intelligence Council | NIC
National Foreign Assessment Center | NFAC
Bureau of Intelligence and Research | INR
Strategic Air Command | SAC
# Foreign governments, parties and services
KGB | Committee for State Security
GRU |
Communist Party of the Soviet Union | CPSU; Communist Party of the USSR; Soviet Communist Party
Politburo |
Foreign Trade Ministry of the USSR | Soviet Foreign Trade Ministry; Soviet Ministry of Foreign Trade
Foreign Ministry of Japan | Japanese Foreign Ministry; Ministry of Foreign Affairs of Japan; Gaimusho
Ministry of International Trade and Industry | MITI
Liberal Democratic Party | LDP
Keidanren |
Cuban Intelligence Service | DGI; Direccion General de Inteligencia; Dirección General de Inteligencia
Stasi | Ministry for State Security
Mossad |
MI6 | Secret Intelligence Service
Solidarity |
Palestine Liberation Organization | PLO
Sandinistas | Sandinista National Liberation Front; FSLN
Fair Play for Cuba Committee | FPCC
Revolutionary Student Directorate | DRE; Directorio Revolucionario Estudiantil
Alpha 66 |
26th of July Movement | 26 July Movement
Bosnian Serb Army | BSA
Bosnian Government Army | ARBiH
Yugoslav People's Army | JNA
Kosovo Liberation Army | KLA
# International bodies
United Nations | UN; U.N.
UN Security Council | Security Council; United Nations Security Council
UN General Assembly | General Assembly; United Nations General Assembly
UNPROFOR | United Nations Protection Force
NATO | North Atlantic Treaty Organization; N.A.T.O.
Warsaw Pact | Warsaw Treaty Organization
European Community | EC; Common Market; European Economic Community; EEC
European Union | EU
CSCE | Conference on Security and Cooperation in Europe; OSCE
COCOM | CoCom; CoCOM; Coordinating Committee for Multilateral Export Controls
Japan-USSR Joint Economic Committee | Japan-Soviet Joint Economic Committee; Japanese-Soviet Joint Economic Committee
Organization of American States | OAS
International Atomic Energy Agency | IAEA
International Monetary Fund | IMF
World Bank |
GATT | General Agreement on Tariffs and Trade
OPEC | Organization of Petroleum Exporting Countries
SEATO | Southeast Asia Treaty Organization
CENTO | Central Treaty Organization; Baghdad Pact
Contact Group |
International Conference on the Former Yugoslavia | ICFY
UNHCR | United Nations High Commissioner for Refugees; Office of the United Nations High Commissioner for Refugees; UN High Commissioner for Refugees
Group of Seven | G-7; G7
# Companies and newspapers
The Washington Post | Washington Post
The New York Times | New York Times
Aeroflot |
Cubana | Cubana de Aviacion; Cubana de Aviación
International Red Cross | Red Cross; ICRC
"""
