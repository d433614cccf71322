// streekpact's C interface to UDPipe 1 (cpp/udpipe.cpp, MPL-2.0): load a model from
// memory, and tag and parse one pre-tokenized sentence. Pre-tokenized, so every word
// the parser sees is a token streekpact already has, with its exact byte offsets.
// No C++ exception crosses into Rust: each entry point catches them all.

#include "udpipe.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

using ufal::udpipe::model;
using ufal::udpipe::sentence;

namespace ufal {
namespace udpipe {
// Added to the vendored udpipe.cpp for streekpact (see their definitions there).
model* load_model_in_parts(const char* data, size_t len, const size_t* tagger_ends, size_t taggers, unsigned threads);
size_t model_tagger_ends(const char* data, size_t len, size_t* ends, size_t capacity);
}  // namespace udpipe
}  // namespace ufal

namespace {
char* copy_out(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}
}  // namespace

extern "C" {

void* streekpact_udpipe_load(const uint8_t* data, size_t len) {
  try {
    std::istringstream is(std::string(reinterpret_cast<const char*>(data), len));
    return model::load(is);
  } catch (...) {
    return nullptr;
  }
}

// The same model with its taggers and parser decoded concurrently on up to `threads`
// threads, each from its own bytes (`tagger_ends`: see streekpact_udpipe_tagger_ends);
// NULL when the offsets do not fit these bytes, and the caller loads sequentially.
void* streekpact_udpipe_load_in_parts(const uint8_t* data, size_t len, const size_t* tagger_ends,
                                      size_t taggers, unsigned threads) {
  try {
    return ufal::udpipe::load_model_in_parts(reinterpret_cast<const char*>(data), len, tagger_ends,
                                             taggers, threads);
  } catch (...) {
    return nullptr;
  }
}

// Where each tagger of the model ends (read sequentially: as slow as a load); the number
// of taggers, or 0 when these bytes are no model that can be loaded in parts.
size_t streekpact_udpipe_tagger_ends(const uint8_t* data, size_t len, size_t* ends, size_t capacity) {
  try {
    return ufal::udpipe::model_tagger_ends(reinterpret_cast<const char*>(data), len, ends, capacity);
  } catch (...) {
    return 0;
  }
}

void streekpact_udpipe_free_model(void* m) { delete static_cast<model*>(m); }

void streekpact_udpipe_free_string(char* s) { std::free(s); }

// `forms`: the n word forms, each ended by a NUL byte. Returns one line per word,
// "lemma\tupos\tfeats\thead\tdeprel\n" (head 0 = root), or NULL with *error set.
char* streekpact_udpipe_parse(const void* m, const char* forms, size_t n, char** error) {
  *error = nullptr;
  try {
    const model* udpipe = static_cast<const model*>(m);
    sentence s;
    const char* form = forms;
    for (size_t i = 0; i < n; i++) {
      size_t len = std::strlen(form);
      s.add_word(ufal::udpipe::utils::string_piece(form, len));
      form += len + 1;
    }
    std::string problem;
    if (!udpipe->tag(s, model::DEFAULT, problem) || !udpipe->parse(s, model::DEFAULT, problem)) {
      *error = copy_out(problem.empty() ? std::string("UDPipe failed") : problem);
      return nullptr;
    }
    std::string out;
    for (size_t i = 1; i < s.words.size(); i++) {
      const auto& w = s.words[i];
      out += w.lemma;
      out += '\t';
      out += w.upostag;
      out += '\t';
      out += w.feats;
      out += '\t';
      out += std::to_string(w.head);
      out += '\t';
      out += w.deprel;
      out += '\n';
    }
    return copy_out(out);
  } catch (const std::exception& e) {
    *error = copy_out(e.what());
    return nullptr;
  } catch (...) {
    *error = copy_out("unknown C++ exception in UDPipe");
    return nullptr;
  }
}

}  // extern "C"
