from afspraken.commands import main

main()
