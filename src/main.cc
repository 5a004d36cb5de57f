#include "pineal/cli/main_command.h"

int main(int argc, char** argv) { return pineal::cli::Main(argc, argv); }
