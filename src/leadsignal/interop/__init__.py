"""Data in and out of other research tools: ConvoKit corpora (:mod:`leadsignal.interop.convokit`)."""
