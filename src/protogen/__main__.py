import sys

from protogen.cli import main

sys.exit(main())
