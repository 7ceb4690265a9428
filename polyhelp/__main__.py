from polyhelp.cli import main

main()
