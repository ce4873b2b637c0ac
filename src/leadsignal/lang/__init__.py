"""Language data. Only Dutch (nl-NL and Flemish nl-BE) is supported: :mod:`leadsignal.lang.nl`."""
