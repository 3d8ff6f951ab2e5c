// kiosk-booking: the hub's sealed-box keys and a look at a kiosk's booking files.
//   kiosk-booking keygen SECRET_FILE     writes a new secret key (base64) and prints its public key, to put
//   in
//                                        content/booking/booking.toml [hub] public_key
//   kiosk-booking open SECRET_FILE       reads a sealed request's "sealed" field on stdin and prints the
//                                        details (what the hub does; a kiosk has no secret key)
#include <sodium.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "kiosk/core/booking/booking.hpp"

using namespace kiosk::booking;

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "keygen" && argc == 3) {
        unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
        crypto_box_keypair(pk, sk);
        std::ofstream(argv[2]) << encode_base64(std::string(reinterpret_cast<char*>(sk), sizeof sk)) << "\n";
        std::cout << encode_base64(std::string(reinterpret_cast<char*>(pk), sizeof pk)) << "\n";
        sodium_memzero(sk, sizeof sk);
        return 0;
    }
    if (cmd == "open" && argc == 3) {
        std::ifstream in(argv[2]);
        std::string b64((std::istreambuf_iterator<char>(in)), {});
        const auto sk_bytes = decode_base64(b64);
        if (!sk_bytes || sk_bytes->size() != 32) {
            std::cerr << "kiosk-booking: " << argv[2] << " is not a secret key\n";
            return 2;
        }
        std::array<unsigned char, 32> sk{};
        std::memcpy(sk.data(), sk_bytes->data(), 32);
        PublicKey pk{};
        crypto_scalarmult_base(pk.data(), sk.data());
        const std::string sealed((std::istreambuf_iterator<char>(std::cin)), {});
        auto opened = open_sealed(sealed, pk, sk);
        if (!opened) {
            std::cerr << "kiosk-booking: it does not open with this key\n";
            return 3;
        }
        std::cout << *opened << "\n";
        return 0;
    }
    std::cerr << "usage: kiosk-booking keygen SECRET_FILE | open SECRET_FILE < sealed\n";
    return 64;
}
