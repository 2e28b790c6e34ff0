from afspraken.cli import main

main()
