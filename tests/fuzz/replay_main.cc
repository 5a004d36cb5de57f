// Runs a libFuzzer target without libFuzzer: every file named on the command
// line, or found (recursively, in name order) in a directory named there, is
// passed once to LLVMFuzzerTestOneInput. Used by ctest when clang's libFuzzer
// is not available, so each seed corpus and every past finding stays a
// regression test. Exits 1 when no input was found (a missing corpus must not
// pass silently); a crash, sanitizer report or leak fails the process itself.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;

void Collect(const fs::path& arg, std::vector<fs::path>& out) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    std::vector<fs::path> found;
    for (const auto& e : fs::recursive_directory_iterator(arg, ec)) {
      if (e.is_regular_file()) found.push_back(e.path());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  } else if (fs::is_regular_file(arg, ec)) {
    out.push_back(arg);
  } else {
    std::fprintf(stderr, "replay: %s is neither a file nor a directory\n", arg.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) Collect(argv[i], inputs);
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: %s <corpus dir or file>...; no input found\n", argv[0]);
    return 1;
  }
  for (const fs::path& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    // Copied into an exact-size heap buffer so ASan sees reads past the end.
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), data.size());
    LLVMFuzzerTestOneInput(data.data(), data.size());
  }
  std::printf("replay: %zu inputs ran without a crash\n", inputs.size());
  return 0;
}
