"""The guide's console: the presenter view on a second screen, and what it shares with the guide's page.

`console` (tours, the tour clock, routed next/previous over the Show), `view` and `panels`
(the presenter's screen), `screens` (the view on its own screen or nowhere), `attach`
(puts them into a running kiosk).
"""
