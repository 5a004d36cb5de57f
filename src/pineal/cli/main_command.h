// The pineal command line: `pineal <command> ...`.
#pragma once

namespace pineal::cli {

int Main(int argc, char** argv);

}  // namespace pineal::cli
