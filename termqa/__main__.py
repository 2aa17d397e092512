from termqa.cli import main

main()
