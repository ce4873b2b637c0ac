from leadsignal.cli import main

main()
