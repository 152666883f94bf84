from fib_benchmarks.machine import cpu_model, describe_machine, physical_cores

CPUINFO = """processor\t: 0
model name\t: Example CPU @ 3.00GHz
physical id\t: 0
core id\t\t: 0

processor\t: 1
model name\t: Example CPU @ 3.00GHz
physical id\t: 0
core id\t\t: 0

processor\t: 2
model name\t: Example CPU @ 3.00GHz
physical id\t: 0
core id\t\t: 1
"""


def test_cpu_model_and_physical_cores_come_from_cpuinfo():
    assert cpu_model(CPUINFO) == "Example CPU @ 3.00GHz"
    assert physical_cores(CPUINFO) == 2  # three logical CPUs, two cores


def test_physical_cores_are_unknown_when_the_kernel_does_not_say():
    assert physical_cores("processor\t: 0\n") is None


def test_the_machine_description_names_python_and_the_packages_under_test():
    machine = describe_machine()
    assert machine["logical_cores"] >= 1
    assert len(machine["load_average_1_5_15_min"]) == 3
    assert machine["python"]["version"].startswith("3.")
    assert {"fib-python", "fib-pybind", "gmpy2"} <= set(machine["packages"])
    assert machine["gmp_version_of_gmpy2"].startswith("GMP ")
