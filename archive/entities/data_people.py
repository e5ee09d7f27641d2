"""People named in Cold War and 1990s US government records: our own gazetteer.

One line per person: `Name | other names | titles | years`, names and titles separated by
semicolons; the years are when they held the offices that papers of the time name them by
(used only to tell namesakes apart).
In other names, `Gromyko` is a bare surname that is enough on its own; `~Abe` is a surname
that counts only once the same text has named the person in full or with a title
("Foreign Minister Abe ... Abe said"); `Kennedy!` is the person a bare surname shared by
several entries means when the text names none of them in full.
"""

# ruff: noqa: E501  (one record per line reads better than wrapped records)

PEOPLE = """
# United States: presidents and vice presidents
Franklin D. Roosevelt | Roosevelt!; Franklin Roosevelt; FDR | President | 1933-1945
Harry S. Truman | Truman; Harry Truman | President | 1945-1953
Dwight D. Eisenhower | Eisenhower; Dwight Eisenhower | President; General | 1942-1961
John F. Kennedy | Kennedy!; John Kennedy; Jack Kennedy; JFK | President; Senator | 1953-1963
Robert F. Kennedy | ~Kennedy; Robert Kennedy; Bobby Kennedy; RFK | Attorney General; Senator | 1961-1968
Edward M. Kennedy | ~Kennedy; Edward Kennedy; Ted Kennedy | Senator | 1962-2009
Lyndon B. Johnson | ~Johnson; Lyndon Johnson; LBJ | President; Vice President | 1961-1969
Richard Nixon | Nixon; Richard M. Nixon | President; Vice President | 1953-1974
Gerald Ford | ~Ford; Gerald R. Ford | President; Vice President; Congressman | 1949-1977
Jimmy Carter | ~Carter; Jimmy Carter | President | 1977-1981
Ronald Reagan | Reagan | President; Governor | 1967-1989
George H. W. Bush | ~Bush!; George Bush; George H.W. Bush | President; Vice President; Director | 1976-1993
Bill Clinton | Clinton; William J. Clinton; William Clinton | President; Governor | 1979-2001
George W. Bush | ~Bush | President; Governor | 1995-2009
Hubert Humphrey | Humphrey; Hubert H. Humphrey | Vice President; Senator | 1949-1978
Spiro Agnew | Agnew | Vice President | 1969-1973
Nelson Rockefeller | Rockefeller | Vice President; Governor | 1959-1977
Walter Mondale | Mondale | Vice President | 1977-1981
Dan Quayle | Quayle | Vice President | 1989-1993
Al Gore | ~Gore; Albert Gore | Vice President; Senator | 1985-2001
# United States: secretaries, advisers, diplomats, soldiers
Dean Acheson | Acheson | Secretary | 1949-1953
John Foster Dulles | ~Dulles; Foster Dulles | Secretary | 1953-1959
Christian Herter | Herter | Secretary | 1959-1961
Dean Rusk | Rusk | Secretary | 1961-1969
William P. Rogers | ~Rogers; William Rogers | Secretary | 1969-1973
Henry Kissinger | Kissinger; Henry A. Kissinger | Secretary; Dr. | 1969-1977
Cyrus Vance | Vance; Cyrus R. Vance | Secretary | 1977-1993
Edmund Muskie | Muskie | Secretary; Senator | 1980-1981
Alexander Haig | Haig; Alexander M. Haig | Secretary; General | 1973-1982
George Shultz | Shultz; George P. Shultz | Secretary | 1982-1989
James Baker | ~Baker; James A. Baker; James A. Baker III | Secretary | 1981-1992
Lawrence Eagleburger | Eagleburger | Secretary; Deputy Secretary | 1982-1993
Warren Christopher | ~Christopher; Warren M. Christopher | Secretary | 1977-1997
Madeleine Albright | Albright | Secretary; Ambassador | 1993-2001
Colin Powell | ~Powell; Colin L. Powell | General; Secretary; Chairman | 1987-2005
Robert McNamara | McNamara; Robert S. McNamara | Secretary | 1961-1968
Clark Clifford | Clifford | Secretary | 1968-1969
Melvin Laird | Laird | Secretary | 1969-1973
James Schlesinger | ~Schlesinger; James R. Schlesinger | Secretary; Director | 1973-1979
Harold Brown | ~Brown | Secretary | 1977-1981
Caspar Weinberger | Weinberger | Secretary | 1981-1987
Frank Carlucci | Carlucci | Secretary | 1987-1989
Dick Cheney | Cheney; Richard Cheney | Secretary | 1989-1993
Les Aspin | Aspin | Secretary | 1993-1994
William Perry | ~Perry; William J. Perry | Secretary | 1993-1997
Donald Rumsfeld | Rumsfeld | Secretary | 1975-2006
McGeorge Bundy | ~Bundy | Mr. | 1961-1966
Walt Rostow | Rostow; Walt W. Rostow | Mr. | 1961-1969
Zbigniew Brzezinski | Brzezinski | Dr. | 1977-1981
Brent Scowcroft | Scowcroft | General | 1975-1993
Robert McFarlane | McFarlane | Mr. | 1983-1985
John Poindexter | Poindexter | Admiral | 1985-1986
Anthony Lake | ~Lake; Tony Lake | Mr. | 1993-1997
Sandy Berger | ~Berger; Samuel Berger | Mr. | 1993-2001
Richard Holbrooke | Holbrooke | Ambassador; Assistant Secretary | 1977-2001
Strobe Talbott | Talbott | Deputy Secretary | 1993-2001
Peter Tarnoff | Tarnoff | Under Secretary | 1993-1997
Thomas Pickering | Pickering; Thomas R. Pickering | Ambassador | 1974-2000
Paul Nitze | Nitze; Paul H. Nitze | Ambassador | 1950-1989
Max Kampelman | Kampelman | Ambassador | 1980-1989
Richard Perle | Perle | Assistant Secretary | 1981-1987
Kenneth Adelman | Adelman | Director | 1983-1987
Jack Matlock | Matlock | Ambassador | 1981-1991
Rozanne Ridgway | Ridgway | Assistant Secretary | 1985-1989
Richard Burt | Burt | Ambassador; Assistant Secretary | 1981-1989
Arthur Hartman | Hartman | Ambassador | 1977-1987
Mike Mansfield | Mansfield | Ambassador; Senator | 1953-1988
Adlai Stevenson | ~Stevenson; Adlai E. Stevenson | Ambassador; Governor | 1949-1965
Averell Harriman | Harriman; W. Averell Harriman | Ambassador; Governor | 1943-1969
George Kennan | Kennan; George F. Kennan | Ambassador | 1946-1963
Chester Bowles | Bowles | Ambassador; Under Secretary | 1951-1969
Maxwell Taylor | ~Taylor; Maxwell D. Taylor | General; Ambassador | 1955-1965
Lyman Lemnitzer | Lemnitzer | General | 1960-1969
Curtis LeMay | LeMay; Curtis E. LeMay | General | 1948-1965
Edward Lansdale | Lansdale; Edward G. Lansdale | General | 1950-1968
J. William Fulbright | Fulbright | Senator | 1945-1974
Frank Church | ~Church | Senator | 1957-1981
Earl Warren | ~Warren | Chief Justice | 1953-1969
# Intelligence and law enforcement
Allen Dulles | ~Dulles!; Allen W. Dulles | Director; Mr. | 1951-1961
Walter Bedell Smith | Bedell Smith | General; Director | 1950-1953
John McCone | McCone; John A. McCone | Director; Mr. | 1961-1965
Richard Helms | Helms; Richard M. Helms | Director; Ambassador | 1962-1977
William Colby | Colby; William E. Colby | Director | 1973-1976
Stansfield Turner | ~Turner | Admiral; Director | 1977-1981
William Casey | Casey; William J. Casey | Director | 1981-1987
William Webster | ~Webster; William H. Webster | Director; Judge | 1978-1991
Robert Gates | ~Gates; Robert M. Gates | Director; Deputy Director | 1986-1993
R. James Woolsey | Woolsey; James Woolsey | Director | 1993-1995
John Deutch | Deutch; John M. Deutch | Director | 1994-1996
George Tenet | Tenet | Director | 1997-2004
J. Edgar Hoover | Hoover; Edgar Hoover | Director; Mr. | 1924-1972
# The FBI's executives: their surnames head the routing slips of the Bureau's memoranda.
Clyde Tolson | Tolson | Associate Director; Mr. | 1930-1972
Alan H. Belmont | ~Belmont; Alan Belmont | Assistant Director; Mr. | 1950-1965
John P. Mohr | Mohr | Assistant Director; Mr. | 1954-1972
Cartha D. DeLoach | DeLoach; Deke DeLoach | Assistant Director; Mr. | 1959-1970
William C. Sullivan | ~Sullivan; William Sullivan | Assistant Director; Mr. | 1961-1971
Nicholas P. Callahan | ~Callahan | Assistant Director; Mr. | 1959-1977
Ivan W. Conrad | ~Conrad | Assistant Director; Mr. | 1951-1973
Alex Rosen | ~Rosen | Assistant Director; Mr. | 1950-1972
Courtney A. Evans | ~Evans | Assistant Director; Mr. | 1959-1964
Sam J. Papich | Papich; Sam Papich; S. J. Papich | Liaison Agent; Mr. | 1952-1970
W. Raymond Wannall | Wannall; Raymond Wannall | Assistant Director; Mr. | 1960-1975
William A. Branigan | Branigan | Section Chief; Mr. | 1955-1975
Clarence Kelley | Kelley; Clarence M. Kelley | Director | 1973-1978
James Angleton | Angleton; James J. Angleton; James Jesus Angleton | Mr. | 1954-1974
Richard Bissell | Bissell; Richard M. Bissell | Mr. | 1958-1962
Desmond FitzGerald | FitzGerald; Fitzgerald | Mr. | 1962-1967
William Harvey | ~Harvey; William K. Harvey | Mr. | 1947-1967
E. Howard Hunt | ~Hunt; Howard Hunt; Everette Howard Hunt | Mr. | 1949-1973
David Atlee Phillips | ~Phillips; David Phillips | Mr. | 1955-1975
Winston Scott | ~Scott; Win Scott | Mr. | 1956-1969
# The Kennedy assassination and its investigations
Lee Harvey Oswald | Oswald!; Lee Oswald; Lee H. Oswald; Harvey Oswald | Mr. | 1957-1963
Marina Oswald | ~Oswald; Marina Nikolaevna Oswald; Marina Porter | Mrs. | 1961-1964
Jack Ruby | ~Ruby; Jack Rubenstein | Mr. | 1963-1967
Yuri Nosenko | Nosenko; Yuriy Nosenko; Yuri Ivanovich Nosenko | Mr. | 1962-1969
Valeriy Kostikov | Kostikov; Valery Kostikov | Mr. | 1963-1963
Sylvia Duran | ~Duran; Silvia Duran; Silvia Tirado de Duran | Mrs. | 1963-1978
George de Mohrenschildt | de Mohrenschildt; De Mohrenschildt | Mr. | 1962-1977
Clay Shaw | ~Shaw | Mr. | 1967-1969
Jim Garrison | ~Garrison | District Attorney | 1962-1973
Robert Maheu | Maheu; Robert A. Maheu | Mr. | 1960-1975
Sam Giancana | Giancana; Momo Salvatore Giancana | Mr. | 1957-1975
Santo Trafficante | Trafficante | Mr. | 1954-1987
Johnny Roselli | Roselli; John Roselli | Mr. | 1960-1976
Manuel Artime | Artime; Manuel Artime Buesa | Dr. | 1960-1977
Antonio Veciana | Veciana | Mr. | 1960-1979
Rolando Cubela | Cubela; Rolando Cubela Secades | Dr. | 1961-1966
G. Robert Blakey | Blakey | Professor; Mr. | 1977-1979
# Cuba and Latin America
Fidel Castro | Castro!; Fidel Castro Ruz | Prime Minister; President; Premier | 1959-2008
Raul Castro | ~Castro; Raúl Castro | Minister | 1959-2018
Che Guevara | Guevara; Ernesto Guevara; Ernesto Che Guevara | Major; Minister | 1956-1967
Fulgencio Batista | Batista | President | 1952-1959
Osvaldo Dorticos | Dorticos; Osvaldo Dorticós | President | 1959-1976
Salvador Allende | Allende | President | 1970-1973
Augusto Pinochet | Pinochet | General; President | 1973-1990
Daniel Ortega | ~Ortega | President | 1979-1990
Manuel Noriega | Noriega; Manuel Antonio Noriega | General | 1983-1989
Anastasio Somoza | Somoza | President; General | 1967-1979
Rafael Trujillo | Trujillo | Generalissimo; President | 1930-1961
Juan Peron | Peron; Perón; Juan Perón | President; General | 1946-1974
Jacobo Arbenz | Arbenz; Jacobo Árbenz | President | 1951-1954
Omar Torrijos | Torrijos | General | 1968-1981
Adolfo Lopez Mateos | Lopez Mateos; López Mateos | President | 1958-1964
# Soviet Union and Russia
Joseph Stalin | Stalin | Marshal; Premier | 1924-1953
Nikita Khrushchev | Khrushchev; Khrushchov; Krushchev | Chairman; Premier; First Secretary | 1953-1964
Leonid Brezhnev | Brezhnev | General Secretary; Chairman | 1964-1982
Yuri Andropov | Andropov | General Secretary; Chairman | 1967-1984
Konstantin Chernenko | Chernenko | General Secretary | 1984-1985
Mikhail Gorbachev | Gorbachev; Gorbachov | General Secretary; President | 1985-1991
Boris Yeltsin | Yeltsin | President | 1990-1999
Andrei Gromyko | Gromyko; Andrey Gromyko | Foreign Minister; Minister | 1957-1988
Eduard Shevardnadze | Shevardnadze | Foreign Minister; Minister | 1985-1991
Alexander Bessmertnykh | Bessmertnykh | Foreign Minister; Ambassador | 1990-1991
Andrei Kozyrev | Kozyrev | Foreign Minister | 1990-1996
Yevgeny Primakov | Primakov | Foreign Minister; Director | 1990-1999
Alexei Kosygin | Kosygin | Premier; Chairman | 1964-1980
Anastas Mikoyan | Mikoyan | First Deputy Premier | 1955-1965
Vyacheslav Molotov | Molotov | Foreign Minister | 1939-1956
Nikolai Bulganin | Bulganin | Premier; Marshal | 1955-1958
Georgy Malenkov | Malenkov | Premier | 1953-1955
Lavrentiy Beria | Beria | Marshal | 1938-1953
Anatoly Dobrynin | Dobrynin | Ambassador | 1962-1986
Dmitri Yazov | Yazov | Marshal; Minister | 1987-1991
Sergei Akhromeyev | Akhromeyev; Akhromeev | Marshal | 1984-1991
Vladimir Kryuchkov | Kryuchkov | Chairman | 1988-1991
Vladimir Sushkov | Sushkov | Vice Foreign Trade Minister; Deputy Minister; Minister | 1974-1986
Nikolai Patolichev | Patolichev | Foreign Trade Minister; Minister | 1958-1985
# Japan, China and the rest of Asia
Yasuhiro Nakasone | Nakasone | Prime Minister | 1982-1987
Shintaro Abe | ~Abe | Foreign Minister; Minister | 1982-1986
Zenko Suzuki | ~Suzuki | Prime Minister | 1980-1982
Masayoshi Ohira | Ohira | Prime Minister; Foreign Minister | 1972-1980
Kakuei Tanaka | ~Tanaka | Prime Minister | 1972-1974
Eisaku Sato | ~Sato | Prime Minister | 1964-1972
Noboru Takeshita | Takeshita | Prime Minister | 1987-1989
Toshiki Kaifu | Kaifu | Prime Minister | 1989-1991
Kiichi Miyazawa | Miyazawa | Prime Minister | 1991-1993
Hirohito | Emperor Hirohito | Emperor | 1926-1989
Mao Zedong | Mao; Mao Tse-tung; Mao Tse-Tung | Chairman | 1949-1976
Zhou Enlai | Chou En-lai; Chou En-Lai; Zhou | Premier | 1949-1976
Deng Xiaoping | Deng; Teng Hsiao-ping | Vice Premier; Chairman | 1977-1992
Chiang Kai-shek | Chiang; Chiang Kai-Shek | Generalissimo; President | 1928-1975
Jiang Zemin | Jiang | General Secretary; President | 1989-2003
Li Peng | Li Peng | Premier | 1987-1998
Zhao Ziyang | Zhao Ziyang | Premier; General Secretary | 1980-1989
Ho Chi Minh | Ho Chi Minh | President | 1945-1969
Ngo Dinh Diem | Diem | President | 1955-1963
Nguyen Van Thieu | Thieu | President | 1967-1975
Sukarno | Soekarno | President | 1945-1967
Suharto | Soeharto | President; General | 1967-1998
Ferdinand Marcos | Marcos | President | 1965-1986
Kim Il Sung | Kim Il-sung | Premier; President | 1948-1994
Syngman Rhee | Rhee | President | 1948-1960
Park Chung Hee | Park Chung-hee | President; General | 1961-1979
Norodom Sihanouk | Sihanouk | Prince; King | 1941-2004
Jawaharlal Nehru | Nehru | Prime Minister | 1947-1964
Indira Gandhi | ~Gandhi; Mrs. Gandhi | Prime Minister | 1966-1984
Rajiv Gandhi | ~Gandhi | Prime Minister | 1984-1991
Benazir Bhutto | ~Bhutto; Ms. Bhutto | Prime Minister | 1988-1996
Zulfikar Ali Bhutto | ~Bhutto; Z. A. Bhutto | Prime Minister; President | 1971-1977
Muhammad Zia-ul-Haq | Zia-ul-Haq; Zia ul-Haq; ~Zia | President; General | 1977-1988
Nawaz Sharif | Sharif | Prime Minister | 1990-1999
Ghulam Ishaq Khan | Ishaq Khan | President | 1988-1993
Mohammad Najibullah | Najibullah; Najib | President | 1986-1992
# Europe
Winston Churchill | Churchill | Prime Minister | 1940-1955
Charles de Gaulle | de Gaulle; De Gaulle; DeGaulle | President; General | 1944-1969
Konrad Adenauer | Adenauer | Chancellor | 1949-1963
Willy Brandt | Brandt | Chancellor | 1969-1974
Helmut Schmidt | ~Schmidt | Chancellor | 1974-1982
Helmut Kohl | Kohl | Chancellor | 1982-1998
Harold Macmillan | Macmillan | Prime Minister | 1957-1963
Margaret Thatcher | Thatcher; Mrs. Thatcher | Prime Minister | 1979-1990
John Major | Prime Minister Major | Prime Minister | 1990-1997
Douglas Hurd | Hurd | Foreign Secretary | 1989-1995
Francois Mitterrand | Mitterrand; François Mitterrand | President | 1981-1995
Jacques Chirac | Chirac | President; Prime Minister | 1974-2007
Alain Juppe | Juppe; Juppé; Alain Juppé | Foreign Minister; Prime Minister | 1993-1997
Hans-Dietrich Genscher | Genscher | Foreign Minister | 1974-1992
Manfred Woerner | Woerner; Wörner; Manfred Wörner | Secretary General | 1982-1994
Javier Solana | Solana | Secretary General; Foreign Minister | 1992-1999
Josip Broz Tito | Tito; Marshal Tito | Marshal; President | 1945-1980
Lech Walesa | Walesa; Wałęsa; Lech Wałęsa | President; Mr. | 1980-1995
Wojciech Jaruzelski | Jaruzelski | General; President | 1981-1990
Vaclav Havel | Havel; Václav Havel | President | 1989-2003
Nicolae Ceausescu | Ceausescu; Ceaușescu | President | 1965-1989
Erich Honecker | Honecker | General Secretary; Chairman | 1971-1989
Pope John Paul II | John Paul II | Pope | 1978-2005
# The former Yugoslavia, 1990s
Slobodan Milosevic | Milosevic; Milošević; Slobodan Milošević | President | 1989-2000
Alija Izetbegovic | Izetbegovic; Izetbegović; Alija Izetbegović | President | 1990-2000
Radovan Karadzic | Karadzic; Karadžić; Radovan Karadžić | Dr.; Mr. | 1990-1996
Ratko Mladic | Mladic; Mladić; Ratko Mladić | General | 1992-1996
Franjo Tudjman | Tudjman; Tuđman; Franjo Tuđman | President | 1990-1999
Haris Silajdzic | Silajdzic; Silajdžić; Haris Silajdžić | Prime Minister; Foreign Minister | 1990-1996
Momcilo Krajisnik | Krajisnik; Krajišnik | Mr. | 1990-1996
Ejup Ganic | Ganic; Ganić | Vice President | 1990-1996
Kresimir Zubak | Zubak | President | 1994-1996
Boutros Boutros-Ghali | Boutros-Ghali; Boutros Ghali | Secretary General | 1992-1996
Yasushi Akashi | Akashi | Special Representative; Mr. | 1992-1995
David Owen | ~Owen; Lord Owen | Lord | 1992-1995
Thorvald Stoltenberg | Stoltenberg | Mr. | 1993-1995
Carl Bildt | Bildt | Prime Minister; Mr. | 1991-1997
# The Middle East and Africa
Gamal Abdel Nasser | Nasser; Abdel Nasser | President | 1954-1970
Anwar Sadat | Sadat; Anwar el-Sadat | President | 1970-1981
Hosni Mubarak | Mubarak | President | 1981-2011
Menachem Begin | Prime Minister Begin | Prime Minister | 1977-1983
Yitzhak Rabin | Rabin | Prime Minister | 1974-1995
Golda Meir | Meir; Mrs. Meir | Prime Minister | 1969-1974
Yasser Arafat | Arafat; Yasir Arafat | Chairman | 1969-2004
Saddam Hussein | Saddam | President | 1979-2003
King Hussein | King Hussein of Jordan | King | 1952-1999
Ruhollah Khomeini | Khomeini; Ayatollah Khomeini | Ayatollah | 1979-1989
Mohammad Reza Pahlavi | the Shah; Shah of Iran | Shah | 1941-1979
Hafez al-Assad | Assad; Hafiz al-Asad; Asad | President | 1971-2000
Muammar Qaddafi | Qaddafi; Qadhafi; Gaddafi | Colonel | 1969-2011
Dag Hammarskjold | Hammarskjold; Hammarskjöld; Dag Hammarskjöld | Secretary General | 1953-1961
U Thant | U Thant | Secretary General | 1961-1971
Kurt Waldheim | Waldheim | Secretary General | 1972-1981
Javier Perez de Cuellar | Perez de Cuellar; Pérez de Cuéllar | Secretary General | 1982-1991
Nelson Mandela | Mandela | President | 1990-1999
"""
