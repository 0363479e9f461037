from tests.conftest import SEEDS, Run


def test_demo_loop(run: Run) -> None:
    assert run("ingest", str(SEEDS)).exit_code == 0
    result = run("search", "Al-Qaim", "--format", "ids")
    assert result.exit_code == 0
    assert result.stdout == "000_f055cd5f58f7f2b2\n"
