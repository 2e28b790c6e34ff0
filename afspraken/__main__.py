from afspraken.entry import main

main()
