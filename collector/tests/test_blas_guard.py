"""BLAS guard on fake /proc/self/maps texts."""

from collector.hostinfo import check_blas

LINE = "7fe1b3918000-7fe1b3a3d000 r--p 00000000 fe:00 5595233                    {}\n"


def maps(*paths):
    return "".join(LINE.format(p) for p in paths) + "7ffd0000-7ffd1000 rw-p 00000000 00:00 0   [stack]\n"


def test_reference_blas_is_refused_with_the_install_hint():
    text = maps("/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libblas.so.3")
    ok, message = check_blas(text, realpath=lambda p: "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"
                             if "libblas" in p else p)
    assert not ok
    assert "apt-get install libopenblas0-pthread" in message


def test_libblas_alternative_resolving_to_openblas_is_accepted():
    text = maps("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    ok, message = check_blas(text, realpath=lambda p: "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3")
    assert ok
    assert "openblas" in message


def test_openblas_loaded_next_to_reference_name_is_accepted():
    text = maps("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3",
                "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so")
    assert check_blas(text, realpath=lambda p: p)[0]


def test_mkl_is_accepted():
    assert check_blas(maps("/opt/intel/lib/libmkl_rt.so.2"), realpath=lambda p: p)[0]


def test_no_blas_library_at_all_is_accepted():
    ok, message = check_blas(maps("/usr/lib/x86_64-linux-gnu/libc.so.6"), realpath=lambda p: p)
    assert ok
    assert "no separate BLAS" in message


def test_this_machine_passes_the_guard():
    from collector.hostinfo import current_maps_after_matmul
    assert check_blas(current_maps_after_matmul())[0]
